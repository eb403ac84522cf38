// Run buttons. pmv.website.run_buttons marks `data-run` the sessions that the pyodide lane found to print
// the same in Pyodide as on the page; each gets a button here. This is all a page loads for
// them: the editor (panel.mjs) comes at the first click, Pyodide with the first run.
(() => {
  // Each page with Run buttons has this script, which instant navigation runs again: once does.
  if (window.pmvRunButtons) return;
  window.pmvRunButtons = true;
  // Pyodide 314.0.7's CPython (tests/test_site/test_run.py holds this to runnable.json's).
  const PYTHON = "3.14.2";
  const WHAT = `CPython ${PYTHON} compiled to WebAssembly, in your browser`;
  const PANEL = new URL("panel.mjs", document.currentScript.src).href;
  const STYLE =
    ".pmv-run{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .8rem;margin:-.2em 0 1.2em}" +
    ".pmv-run .md-button{margin:0;padding:.3em 1em;font-size:.7rem;color:var(--md-typeset-a-color)}" +
    ".pmv-run__note{font-size:.7rem}" +
    ".tabbed-block>.pmv-run{margin-top:.4em}"; // a tab's block has no margin under it
  let count = 0;

  function mount() {
    const blocks = document.querySelectorAll("div[data-run]");
    if (blocks.length && !document.getElementById("pmv-run-style")) {
      const style = document.createElement("style");
      style.id = "pmv-run-style";
      style.textContent = STYLE;
      document.head.append(style);
    }
    for (const block of blocks) {
      if (block.nextElementSibling?.matches(".pmv-run, .pmv-run__panel")) continue;
      const n = ++count;
      const bar = document.createElement("div");
      bar.className = "pmv-run";
      bar.innerHTML =
        `<button type="button" class="md-button pmv-run__open" aria-describedby="pmv-run-note-${n}">` +
        `Run in your browser</button><span class="pmv-run__note" id="pmv-run-note-${n}"></span>`;
      bar.lastChild.textContent = WHAT;
      bar.firstChild.addEventListener("click", async (event) => {
        const button = event.currentTarget;
        button.disabled = true; // one editor per block, however fast the clicks
        try {
          (await import(PANEL)).open(block, bar, n, WHAT);
        } catch (error) {
          console.error("Run in your browser:", error);
          button.disabled = false;
          bar.lastChild.textContent = "The editor could not be loaded. Try again, or reload the page.";
        }
      });
      block.after(bar);
    }
  }

  // Material's instant navigation swaps the page without a load event: document$ says when.
  // This script sits in the page's content, before Material's bundle: document$ exists once
  // the document is parsed.
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(mount);
    }
    mount();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
