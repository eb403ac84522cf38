// A reader's own Python version: picked once in the header, remembered across pages and
// visits, and every group of version tabs ("3.10–3.12", "3.13–3.15") shows the tab that covers
// it. Without JavaScript there is no picker and every tab can still be opened by hand.
(function () {
  "use strict";
  // The supported versions: the build writes pyproject.toml's list in (pmv.website.versions).
  const VERSIONS = [];
  const KEY = "python-modules-verified.python";
  const LABEL = /^(\d+\.\d+)(?:\s*[\u2013-]\s*(\d+\.\d+))?$/;

  const key = (v) => v.split(".").map(Number);
  const before = (a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
  };
  const covers = (text, version) => {
    const match = LABEL.exec(text.trim());
    if (!match) return null;
    const first = match[1], last = match[2] || match[1];
    return !before(version, first) && !before(last, version);
  };

  function stored() {
    try {
      const value = localStorage.getItem(KEY);
      return VERSIONS.includes(value) ? value : null;
    } catch (error) {
      return null; // storage refused (private mode): the picker still works on this page
    }
  }

  function remember(version) {
    try {
      localStorage.setItem(KEY, version);
    } catch (error) {
      /* not remembered, but applied */
    }
  }

  // Check, in every group of version tabs, the tab whose label covers the version.
  function apply(version) {
    if (!version) return;
    for (const set of document.querySelectorAll(".tabbed-set")) {
      const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
      if (!labels.length || labels.some((l) => covers(l.textContent, version) === null)) continue;
      const label = labels.find((l) => covers(l.textContent, version));
      const input = label && set.querySelector(`:scope > input[id="${label.htmlFor}"]`);
      if (input && !input.checked) input.click();
    }
    document.documentElement.dataset.python = version;
  }

  function picker() {
    let select = document.getElementById("python-version");
    if (select) return select;
    const header = document.querySelector(".md-header__inner");
    if (!header) return null;
    const wrap = document.createElement("div");
    wrap.className = "pmv-version";
    const label = document.createElement("label");
    label.htmlFor = "python-version";
    label.textContent = "Python";
    select = document.createElement("select");
    select.id = "python-version";
    select.setAttribute("aria-label", "Your Python version: tabs show its output");
    const none = new Option("any", "");
    select.add(none);
    for (const v of VERSIONS) select.add(new Option(v, v));
    select.addEventListener("change", () => {
      if (select.value) {
        remember(select.value);
        apply(select.value);
      }
    });
    wrap.append(label, select);
    const search = header.querySelector(".md-search");
    header.insertBefore(wrap, search || null);
    return select;
  }

  function start() {
    const select = picker();
    const version = stored();
    if (select) select.value = version || "";
    apply(version);
  }

  // Material's instant navigation swaps the page without a load event: document$ says when.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
