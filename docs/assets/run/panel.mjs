// The Run buttons' editor and worker, loaded at a button's first click (run.js): the session's
// code in an editor under its block, run in a Web Worker (worker.mjs), its output shown as the
// REPL prints a session.
import { sessionCode } from "./engine.mjs";

const STYLE = `
.pmv-run__panel .md-button{margin:0;padding:.3em 1em;font-size:.7rem}
.pmv-run__panel .md-button:not(.md-button--primary){color:var(--md-typeset-a-color)}
.pmv-run__panel p{font-size:.7rem;margin:0}
.pmv-run__panel{border-left:.2rem solid var(--md-primary-fg-color);padding:.3rem 0 .3rem .7rem;
  margin:-.4em 0 1.2em;display:grid;gap:.5rem}
.pmv-run__panel label{font-size:.7rem;font-weight:700}
.pmv-run__code{box-sizing:border-box;width:100%;resize:vertical;padding:.6em .9em;
  font:.75rem/1.5 var(--md-code-font-family);color:var(--md-code-fg-color);tab-size:4;
  background:var(--md-code-bg-color);border:1px solid var(--md-default-fg-color--light)}
.pmv-run__actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .8rem}
.pmv-run__status{font-size:.7rem}
.pmv-run__output{margin:0}
.pmv-run__output code{display:block;overflow-x:auto;white-space:pre;padding:.8em 1.2em}
.pmv-run__panel [hidden]{display:none!important}`;
let worker = null;
// Whether the worker's interpreter has run code a reader edited. A run resets what a session can
// be expected to change (session.py's prepare), not everything code can change; so a verified
// session, whose output the suite checked, never runs after an edited one in the same
// interpreter: it gets a new one.
let edited = false;
// One interpreter runs one session at a time: the runs of every panel wait their turn here.
const queue = [];
let current = null; // the job the worker is running: {id, message, verified, status, resolve}
let next = 0;
const FAILED = "Python could not start or run here. Reload the page to try again.";

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function open(block, bar, n, WHAT) {
  if (!document.getElementById("pmv-run-panel-style")) {
    const style = element("style", { id: "pmv-run-panel-style", textContent: STYLE });
    document.head.append(style);
  }
  const code = element("textarea", {
    id: `pmv-run-code-${n}`,
    className: "pmv-run__code",
    spellcheck: false,
    wrap: "off",
    value: sessionCode(block.querySelector("code").textContent),
  });
  code.setAttribute("autocapitalize", "off");
  code.setAttribute("autocomplete", "off");
  code.rows = Math.min(16, code.value.split("\n").length + 1);
  const go = element("button", { type: "button", className: "md-button md-button--primary" }, "Run");
  const stop = element("button", { type: "button", className: "md-button", hidden: true }, "Stop");
  const status = element("span", { className: "pmv-run__status" });
  status.setAttribute("role", "status");
  const heading = element("p", { id: `pmv-run-out-${n}` }, `Output in your browser: ${WHAT}`);
  const out = element("code");
  const output = element("pre", { className: "pmv-run__output", tabIndex: 0 }, out);
  output.setAttribute("aria-live", "polite");
  output.setAttribute("aria-labelledby", heading.id);
  output.hidden = true;
  const panel = element(
    "div",
    { className: "pmv-run__panel" },
    element("p", {}, "The block above is the output the test suite verified. Yours is below."),
    ...(block.textContent.includes("31X")
      ? [element("p", {}, "Where the block writes 31X (the same on every 3.1X), Python 3.14 prints 314.")]
      : []),
    element("label", { htmlFor: code.id }, "The session's code: edit it, then Run (Ctrl+Enter)"),
    code,
    element("div", { className: "pmv-run__actions" }, go, stop, status),
    heading,
    output,
  );
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", "Run this session in your browser");
  bar.replaceWith(panel);

  const original = code.value;
  let job = null;
  const run = async () => {
    go.disabled = true;
    stop.hidden = false;
    job = schedule(status, code.value === original, {
      code: code.value,
      example: block.dataset.run,
      fullTracebacks: block.dataset.runTracebacks === "full",
    });
    const result = await job.promise;
    job = null;
    go.disabled = false;
    stop.hidden = true;
    if (result.type === "result") {
      out.textContent = result.text;
      output.hidden = false;
      const ms = `Ran in ${Math.max(1, Math.round(result.ms))} ms.`;
      status.textContent = result.exited
        ? `${ms} The session exited: the statements after that did not run.`
        : ms;
    } else if (result.type === "stopped") {
      status.textContent = "Stopped. Python starts again at the next Run.";
    } else {
      console.error("Run in your browser:", result.message);
      status.textContent = FAILED;
    }
  };
  go.addEventListener("click", run);
  stop.addEventListener("click", () => job && cancel(job));
  code.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !go.disabled) {
      event.preventDefault();
      run();
    }
  });
  code.focus();
  run();
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function schedule(status, verified, message) {
  const job = { id: ++next, status, verified, message };
  job.promise = new Promise((resolve) => (job.resolve = resolve));
  queue.push(job);
  if (current) status.textContent = "Waiting for another block's run to end…";
  pump();
  return job;
}

function pump() {
  if (current || !queue.length) return;
  current = queue.shift();
  if (current.verified && edited) endWorker();
  edited ||= !current.verified;
  current.status.textContent = worker ? "Running…" : "Loading Python 3.14…";
  try {
    startWorker();
    worker.postMessage({ id: current.id, ...current.message });
  } catch (error) {
    fail(String(error));
  }
}

function finish(job, result) {
  job.resolve(result);
  if (job === current) {
    current = null;
    pump();
  }
}

// Stop: a waiting run leaves the queue; the running one ends with its interpreter.
function cancel(job) {
  const waiting = queue.indexOf(job);
  if (waiting !== -1) {
    queue.splice(waiting, 1);
    job.resolve({ type: "stopped" });
  } else if (job === current) {
    endWorker();
    finish(job, { type: "stopped" });
  }
}

function endWorker() {
  worker?.terminate();
  worker = null;
  edited = false;
}

// A worker that failed is not used again: the next run starts a new one.
function fail(message) {
  endWorker();
  if (current) finish(current, { type: "error", message });
}

function startWorker() {
  if (worker) return;
  worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (!current || (data.id !== undefined && data.id !== current.id)) return;
    if (data.type === "progress") {
      current.status.textContent =
        data.loaded < data.total
          ? `Loading Python 3.14… ${megabytes(data.loaded)} of ${megabytes(data.total)}`
          : "Starting Python 3.14…";
    } else if (data.type === "error") {
      fail(data.message);
    } else {
      finish(current, data);
    }
  };
  // A module worker that cannot load fires a plain Event, with no message.
  worker.onerror = (event) => fail(event.message || "the worker did not start");
}

// A page left by instant navigation takes its panels with it: nothing is left running.
window.document$?.subscribe?.(() => {
  if (document.querySelector(".pmv-run__panel")) return;
  for (const job of [...queue]) cancel(job);
  if (current) cancel(current);
  endWorker();
});
