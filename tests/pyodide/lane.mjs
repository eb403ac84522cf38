// The pyodide lane's Node half: replays sessions in Pyodide with the Run buttons' own engine
// (docs/assets/run/engine.mjs) and prints what each showed. Driven by tests/pmv/browser/pyodide_check.py:
//   stdin:  {"sessions": [{"body", "files", "environment", "fullTracebacks"}, ...]}
//   stdout: {"python": "3.14.2", "results": [{"text", "ms", "again"}, ...], "startMs"}
//   ("again": the text of a second replay, all of them in reverse order)
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sessionCode, startPython } from "../../docs/assets/run/engine.mjs";
import { loadPyodide } from "pyodide";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const sources = {
  "session.py": here("../pmv/browser/session.py"),
  "pycon_replay.py": here("../pmv/kinds/drivers/pycon_replay.py"),
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { sessions } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const started = performance.now();
const python = await startPython(loadPyodide, {}, (name) => readFile(sources[name], "utf8"));
const startMs = Math.round(performance.now() - started);
const replay = (session) => {
  const begun = performance.now();
  const { text } = python.run({
    code: sessionCode(session.body),
    files: session.files,
    environment: session.environment,
    fullTracebacks: session.fullTracebacks,
  });
  return { text, ms: Math.round(performance.now() - begun) };
};
// In the page's order, then again backwards: a reader runs the sessions in any order, so what
// one shows must not depend on the run before it.
const results = sessions.map(replay);
[...sessions.keys()].reverse().forEach((i) => (results[i].again = replay(sessions[i]).text));
process.stdout.write(JSON.stringify({ python: python.version, startMs, results }));
