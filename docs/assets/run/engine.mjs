// One Pyodide interpreter that runs a page's sessions as the test suite runs them natively.
// Shared by the Run buttons' worker (worker.mjs) and the pyodide test lane under Node
// (tests/pyodide/lane.mjs): what the lane checks is what a reader's browser runs.

// The session's code as the editor shows it: each statement's lines without their prompts
// (pycon.py's parse; the outputs are left out).
export function sessionCode(text) {
  const lines = [];
  let inSource = false;
  for (const line of text.split("\n")) {
    if (line === ">>>" || line.startsWith(">>> ")) {
      lines.push(line.slice(4));
      inSource = true;
    } else if (inSource && (line === "..." || line.startsWith("... "))) {
      lines.push(line.slice(4));
    } else {
      inSource = false;
    }
  }
  return lines.join("\n");
}

// loadPyodide: Pyodide's own loader; options: what loadPyodide takes (indexURL, ...);
// readText(name): the text of session.py or pycon_replay.py.
export async function startPython(loadPyodide, options, readText) {
  const [sessionSource, replayerSource] = await Promise.all([
    readText("session.py"),
    readText("pycon_replay.py"),
  ]);
  const pyodide = await loadPyodide({ ...options, env: { HOME: "/home/you", PYTHONHASHSEED: "0" } });
  // stdout and stderr in one stream, in the order written: the suite reads them as one pipe.
  // What a run may print is capped, far above any page's output: a loop that prints for ever
  // must not take the tab's memory with it before the reader presses Stop.
  const LIMIT = 200_000;
  let written = [];
  let size = 0;
  const decoder = new TextDecoder();
  const sink = {
    write(bytes) {
      if (size < LIMIT) {
        const text = decoder.decode(bytes, { stream: true });
        written.push(text);
        size += text.length;
      }
      return bytes.length;
    },
  };
  pyodide.setStdout(sink);
  pyodide.setStderr(sink);
  const session = pyodide.runPython(
    `import types\nsession = types.ModuleType("session")\n` +
      `exec(compile(${JSON.stringify(sessionSource)}, "session.py", "exec"), session.__dict__)\n` +
      `session.remember_start()\nsession`,
  );
  const replay = pyodide.runPython(
    `lambda source: exec(compile(source, "<string>", "exec"), __import__("__main__").__dict__)`,
  );
  const stdin = pyodide.runPython(
    "def set_stdin(text):\n    import io, sys\n" +
      // The replayer's own stdin of the run before (os.devnull) is closed, not left to the GC.
      "    if sys.stdin is not sys.__stdin__:\n        sys.stdin.close()\n" +
      "    sys.stdin = io.StringIO(text)\nset_stdin",
  );
  const version = pyodide.runPython("import sys; sys.version.split()[0]");

  // {code, files, environment, fullTracebacks} -> {text: the session as a page shows it}
  function run({ code, files, environment, fullTracebacks }) {
    const filesPy = pyodide.toPy(files);
    const environmentPy = pyodide.toPy(environment);
    try {
      session.prepare(filesPy, environmentPy);
    } finally {
      filesPy.destroy();
      environmentPy.destroy();
    }
    const [request, found] = session.request(code, Boolean(fullTracebacks)).toJs();
    written = [];
    size = 0;
    stdin(request);
    let stopped = "";
    let exited = false;
    try {
      replay(replayerSource);
    } catch (error) {
      // SystemExit (exit() in the session) ends the replay, as it ends the native process.
      exited = error.type === "SystemExit";
      stopped = exited ? "" : String(error.message ?? error);
    }
    written.push(decoder.decode());
    if (size >= LIMIT) written = [written.join("").slice(0, LIMIT), "\n… (output cut at 200,000 characters)\n"];
    const foundPy = pyodide.toPy(found);
    const text = session.render(foundPy, written.join("") + stopped);
    foundPy.destroy();
    return { text, exited };
  }
  return { run, version };
}
