// The Run buttons' worker: one Pyodide, started at the first click, that runs each session it
// is sent with the engine the pyodide lane checks (engine.mjs). Pyodide's files come from this
// site only, are kept in the Cache API after their first load, and their progress is posted.
import { startPython } from "./engine.mjs";

const PYODIDE = new URL("../pyodide/", import.meta.url);
const own = (name) => new URL(name, import.meta.url);
let sizes = {};
let cache = null;
let loaded = 0;

function progress() {
  // pyodide.mjs, the 18 KB loader, is imported as it is (neither counted nor cached here).
  const total = Object.entries(sizes)
    .filter(([name]) => name !== "pyodide.mjs")
    .reduce((sum, [, size]) => sum + size, 0);
  postMessage({ type: "progress", loaded, total });
}

// A Pyodide file: from the cache, else from the site, counted as it arrives, then cached.
async function pyodideFile(url, init) {
  const hit = cache && (await cache.match(url));
  if (hit) {
    loaded += sizes[url.split("/").pop()] ?? 0;
    progress();
    return hit;
  }
  const response = await realFetch(url, init);
  if (!response.ok || !response.body) return response;
  const reader = response.body.getReader();
  const parts = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    progress();
  }
  const kept = new Response(new Blob(parts), { headers: response.headers });
  if (cache) await cache.put(url, kept.clone());
  return kept;
}

const realFetch = self.fetch.bind(self);
// loadPyodide fetches its files with the global fetch: those under assets/pyodide/ go through
// pyodideFile; anything else is fetched as it would be.
self.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input, PYODIDE).href;
  return url.startsWith(PYODIDE.href) ? pyodideFile(url, init) : realFetch(input, init);
};

async function start() {
  const about = await (await realFetch(new URL("files.json", PYODIDE))).json();
  sizes = about.sizes;
  // One cache per release: a new one is fetched whole, never mixed with the last one's files.
  if (self.caches) {
    const name = `pyodide-${about.pyodide}`;
    // An earlier release's files are of no more use: 13.5 MB of a reader's storage each.
    for (const old of await caches.keys()) {
      if (old.startsWith("pyodide-") && old !== name) await caches.delete(old);
    }
    cache = await caches.open(name);
  }
  progress();
  // pyodide.asm.mjs too goes through the cache: imported from the cached copy's text.
  const asm = await (await self.fetch(new URL("pyodide.asm.mjs", PYODIDE))).text();
  const asmURL = URL.createObjectURL(new Blob([asm], { type: "text/javascript" }));
  const { default: createPyodideModule } = await import(asmURL);
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href);
  const environment = (await realFetch(own("environment.json"))).json();
  const python = await startPython(
    loadPyodide,
    { indexURL: PYODIDE.href, createPyodideModule },
    async (name) => (await realFetch(own(name))).text(),
  );
  return { python, environment: await environment };
}

let ready = null;
const examples = new Map();
function filesOf(example) {
  if (!example) return Promise.resolve({});
  if (!examples.has(example)) {
    examples.set(example, realFetch(own(`examples/${example}.json`)).then((r) => r.json()));
  }
  return examples.get(example);
}

onmessage = async ({ data }) => {
  try {
    // A start that failed (a file missing, the network gone) is tried again at the next run.
    ready ??= start().catch((error) => {
      ready = null;
      throw error;
    });
    const [{ python, environment }, files] = await Promise.all([ready, filesOf(data.example)]);
    const begun = performance.now();
    const { text, exited } = python.run({
      code: data.code,
      files,
      environment,
      fullTracebacks: data.fullTracebacks,
    });
    const ms = performance.now() - begun;
    postMessage({ type: "result", id: data.id, text, exited, ms, python: python.version });
  } catch (error) {
    postMessage({ type: "error", id: data.id, message: String(error?.message ?? error) });
  }
};
