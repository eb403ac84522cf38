// The site's search worker, run under Node on the built site: the worker script each page
// names, Material's worker it loads, and search/search_index.json, as a browser runs them.
// Prints JSON: whether lunr's token set holds exactly the index's words, and, for each query
// given, the number of results and the locations of the first ones.
//
//     node search_harness.js SITE_DIR QUERY...
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
const config = JSON.parse(
  home.match(/<script id="__config" type="application\/json">(.*?)<\/script>/s)[1]
);
const workerUrl = new URL(config.search, "http://site.invalid/");

const listeners = [];
const answers = [];
class MessageEvent {
  constructor(type, init) {
    this.type = type;
    this.data = init.data;
    this.stopped = false;
  }
  stopImmediatePropagation() {
    this.stopped = true;
  }
}
const scope = { URL, MessageEvent, console, WeakSet, Set, Map, Promise, Error, TypeError };
scope.self = scope;
scope.location = { href: workerUrl.href };
scope.addEventListener = (type, listener) => listeners.push(listener);
scope.dispatchEvent = (event) => {
  for (const listener of [...listeners]) {
    listener(event);
    if (event.stopped) break;
  }
};
scope.postMessage = (message) => answers.push(message);
scope.importScripts = (...urls) => {
  for (const url of urls) {
    const file = new URL(url, scope.location.href).pathname;
    vm.runInContext(fs.readFileSync(path.join(site, file), "utf8"), scope, { filename: file });
  }
};
vm.createContext(scope);
scope.importScripts(workerUrl.pathname);

let index = null;
const build = scope.lunr.Builder.prototype.build;
scope.lunr.Builder.prototype.build = function () {
  return (index = build.call(this));
};
const send = (data) => scope.dispatchEvent(new MessageEvent("message", { data }));
const data = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));

(async () => {
  send({ type: 0, data: { ...data, options: { suggest: false } } });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const words = new Set(index.tokenSet.toArray());
  const posted = new Set(Object.keys(index.invertedIndex));
  const out = {
    phantom: [...words].filter((w) => !posted.has(w)),
    lost: [...posted].filter((w) => !words.has(w)),
    queries: {},
  };
  for (const query of queries) {
    answers.length = 0;
    send({ type: 2, data: query });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const items = answers.at(-1).data.items;
    out.queries[query] = {
      results: items.length,
      first: items.slice(0, 3).map((g) => g[0].location),
      // The first groups whole, as Material's result list renders them (shown_results).
      groups: items.slice(0, 10).map((g) => g.map((d) => ({ location: d.location, score: d.score }))),
    };
  }
  process.stdout.write(JSON.stringify(out));
})();
