// The site's search worker: Material's own, with this site's reading of words and queries
// (rules.js). The build (pmv.website.search_index) names this file as the search worker on every page
// and passes Material's worker as ?material=, a path relative to this file.
//
// Material's worker takes the pages and then each query as messages, and answers a query with
// its results; lunr, which it bundles, builds the index. Added around it: a lunr pipeline
// function that indexes each name's parts; a first "message" listener that hands Material the
// pages and the queries as rules.js reads them; and its answers ranked as rules.js ranks them.
"use strict";

importScripts("rules.js");

const { markFlags, wordsOf, readQuery, rank } = self.SiteSearchRules;
// SearchMessageType in Material's worker/message module.
const SETUP = 0;
const QUERY = 2;
const RESULT = 3;

function identifiers(token) {
  return wordsOf(token.toString()).map((word) => token.clone(() => word));
}

// Material's worker sets self.lunr when it loads, before it builds any index: extend lunr then.
Object.defineProperty(self, "lunr", {
  configurable: true,
  set(lunr) {
    Object.defineProperty(self, "lunr", { value: lunr, writable: true, configurable: true });
    lunr.Pipeline.registerFunction(identifiers, "identifiers");
    // lunr 2.3.9 keys a token-set node by its edges' labels and child ids run together ("1",
    // 23 and "4", 5 give "12345", as "1", 2 and "3", 45 do), and so merges nodes that differ:
    // words with digits (3.12.5, line 1) then vanish from the index, or appear in it without
    // postings and make the query throw (olivernn/lunr.js#279). A comma after each child's id
    // makes the key unambiguous: a label is one character, an id digits.
    lunr.TokenSet.prototype.toString = function () {
      if (this._str) return this._str;
      let key = this.final ? "1" : "0";
      for (const label of Object.keys(this.edges).sort()) key += label + this.edges[label].id + ",";
      return key;
    };
    const add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function (doc, attributes) {
      // Material sets the builder's pipeline up just before it adds the documents.
      this.pipeline.remove(identifiers);
      this.pipeline.add(identifiers);
      return add.call(this, doc, attributes);
    };
  },
});

// What Material's worker is handed instead of a message's data: the pages with their flags
// marked, a query as the reader means it.
function rewritten(message) {
  if (message?.type === SETUP) {
    const docs = message.data.docs.map((doc) => ({
      ...doc,
      title: markFlags(doc.title),
      text: markFlags(doc.text),
    }));
    return { ...message, data: { ...message.data, docs } };
  }
  if (message?.type === QUERY) return { ...message, data: readQuery(String(message.data)) };
  return message;
}

// Registered before Material's listener, so it sees each message first: the message is handed
// on rewritten, as a new event, and the original stops here.
const handedOn = new WeakSet();
addEventListener("message", (event) => {
  if (handedOn.has(event)) return;
  event.stopImmediatePropagation();
  const copy = new MessageEvent("message", { data: rewritten(event.data) });
  handedOn.add(copy);
  dispatchEvent(copy);
});

// Material's worker answers with postMessage, looked up on the worker's global object.
const post = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (message?.type === RESULT) message = { ...message, data: { ...message.data, items: rank(message.data.items) } };
  return post(message, ...rest);
};

const material = new URL(location.href).searchParams.get("material") || "";
if (!/^(\.\.\/)+[\w\/.-]+\.js$/.test(material)) {
  throw new Error(`search worker: not a path to Material's worker: ${JSON.stringify(material)}`);
}
importScripts(material);
