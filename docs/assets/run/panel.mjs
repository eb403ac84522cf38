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
let next = 0;
const pending = new Map(); // id -> {resolve, status}

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
  const run = async () => {
    go.disabled = true;
    stop.hidden = false;
    const verified = code.value === original;
    if (verified && edited) stopWorker();
    edited ||= !verified;
    status.textContent = worker ? "Running…" : "Loading Python 3.14…";
    const result = await send(status, {
      code: code.value,
      example: block.dataset.run,
      fullTracebacks: block.dataset.runTracebacks === "full",
    });
    go.disabled = false;
    stop.hidden = true;
    if (result.type === "result") {
      out.textContent = result.text;
      output.hidden = false;
      status.textContent = `Ran in ${Math.max(1, Math.round(result.ms))} ms.`;
    } else if (result.type === "stopped") {
      status.textContent = "Stopped. Python starts again at the next Run.";
    } else {
      status.textContent = `Python could not run it: ${result.message}`;
    }
  };
  go.addEventListener("click", run);
  stop.addEventListener("click", stopWorker);
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

function stopWorker() {
  worker?.terminate();
  worker = null;
  edited = false;
  for (const { resolve } of pending.values()) resolve({ type: "stopped" });
  pending.clear();
}

function send(status, message) {
  if (!worker) {
    worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        for (const waiting of pending.values()) {
          waiting.status.textContent =
            data.loaded < data.total
              ? `Loading Python 3.14… ${megabytes(data.loaded)} of ${megabytes(data.total)}`
              : "Starting Python 3.14…";
        }
        return;
      }
      pending.get(data.id)?.resolve(data);
      pending.delete(data.id);
    };
    worker.onerror = (event) => {
      for (const { resolve } of pending.values()) resolve({ type: "error", message: event.message });
      pending.clear();
      worker = null;
    };
  }
  const id = ++next;
  return new Promise((resolve) => {
    pending.set(id, { resolve, status });
    worker.postMessage({ id, ...message });
  });
}

