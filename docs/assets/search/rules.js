// How this site's search reads the words of its pages and of a query: the rules its search
// worker (worker.js) adds to Material's. Kept apart from the worker so that a test can run
// them under Node (tests/test_site/test_search_index.py).
//
// - Names stay whole in the index (mkdocs.yml's separator): "-B", "__pycache__",
//   "sys.implementation.cache_tag". Each also gives its parts, so that "cache_tag", "cache"
//   and "implementation.cache_tag" all find the last one.
// - A flag's leading hyphens are spelled U+2010, in the index and in the query alike: lunr's
//   query syntax reads an ASCII "-" before a word as "must not contain".
// - A flag keeps its case, which lunr's index otherwise drops: -B (no pycs) is not
//   compileall's -b. An invisible WORD JOINER goes before each capital letter of a flag,
//   in the pages' text as the worker receives it and in the query.
// - Every word of a query but the last is matched whole: Material matches each word as a
//   prefix, so that "python" also meant "python3x.zip" and "namespace" meant "namespaces".
//   The last word is the one being typed, and stays a prefix.
// - A section that has every word of the query comes before one that lacks some, whatever
//   their scores: a title that has one common word ("python") otherwise outranks the text
//   that has them all ("python -B").
(function (root) {
  "use strict";

  const HYPHEN = "\u2010";
  const JOINER = "\u2060";
  const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
  // A word starting with hyphens and a letter, not inside a word: -B, -X, --check-hash-based-pycs.
  const FLAG = /(^|[^\p{L}\p{N}_\-])(-{1,2})(\p{L}[\p{L}\p{N}_]*)/gu;
  const INDEX_FLAG = new RegExp(`^-+${JOINER}?\\p{L}`, "u");

  const markCapitals = (name) => name.replace(/\p{Lu}/gu, (capital) => JOINER + capital);

  // A page's text with each flag's capitals marked, before the index reads it.
  function markFlags(text) {
    return text.replace(FLAG, (_, before, hyphens, name) => before + hyphens + markCapitals(name));
  }

  // The words an index token stands for: itself, and, for a dotted or underscored name, each
  // dotted tail, each dotted part and each part between underscores.
  function wordsOf(token) {
    const word = token.replace(/\.+$/, "");
    if (!LETTER_OR_DIGIT.test(word)) return [];
    if (INDEX_FLAG.test(word)) return [word.replace(/^-+/, (run) => HYPHEN.repeat(run.length))];
    const words = new Set([word]);
    if (/[._]/.test(word)) {
      const dotted = word.split(".").filter(Boolean);
      for (let i = 1; i < dotted.length; i++) words.add(dotted.slice(i).join("."));
      for (const part of dotted) {
        words.add(part);
        for (const piece of part.split("_")) words.add(piece);
      }
    }
    return [...words].filter((w) => LETTER_OR_DIGIT.test(w));
  }

  // A name's own characters: "ImportError:" is ImportError, "'shop'" is shop.
  const bare = (word) => word.replace(/^[^\p{L}\p{N}_.\u2010\u2060]+|[^\p{L}\p{N}_]+$/gu, "");

  // A query as the reader means it, in the query syntax Material's worker then reads.
  function readQuery(query) {
    const text = query
      .replace(FLAG, (_, b, hyphens, name) => b + HYPHEN.repeat(hyphens.length) + markCapitals(name))
      // A hyphen inside a word separates, as in the index: "hash-based" is two words.
      .replace(/(?<=[\p{L}\p{N}])-+/gu, " ");
    const required = [];
    const loose = [];
    let lastQuoted = false;
    // A phrase in double quotes (closed or still being typed): every word of it required,
    // and whole ("+" is lunr's "must contain"; Material adds no "*" after it).
    for (const match of text.matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
      lastQuoted = match[1] !== undefined;
      if (!lastQuoted) loose.push(match[2]);
      else required.push(...match[1].split(/\s+/).map(bare).filter((w) => LETTER_OR_DIGIT.test(w)));
    }
    // The word being typed: the last, unless a phrase or a space ends the query.
    const typing = !lastQuoted && !/\s$/.test(text) && loose.length ? loose.pop().replace(/\.+$/, "") : "";
    const whole = loose
      .map(bare)
      .filter((word) => LETTER_OR_DIGIT.test(word))
      // A boost ("^10") is how Material is told not to add "*"; whole words weigh ten times
      // what the prefix of the last word does.
      .map((word) => `${word}^10`);
    // The word being typed, also whole: typed in full, it ranks above the longer ones it begins.
    const last = bare(typing);
    const prefix = LETTER_OR_DIGIT.test(last) ? [`${last}^10`, typing] : typing ? [typing] : [];
    return [...required.map((word) => `+${word}`), ...whole, ...prefix].join(" ").trim();
  }

  // The share of the query's words a result has (Material's `terms`: word -> found).
  function coverage(doc) {
    const found = Object.values(doc.terms || {});
    return found.length ? found.filter(Boolean).length / found.length : 1;
  }

  // Material's results, ranked by coverage first and Material's score second: each page's
  // sections, and the pages by their best section. A score stands for both, since Material
  // shows a page's sections scored below its best one folded away ("N more on this page").
  //
  // Material's score is lunr's times (1 + b²), where b is the share of words found, plus one
  // for a page's own entry (its title and opening). That bonus is taken back out: a page's
  // opening ranked above the section that answers, which was then folded away.
  function rank(items) {
    const lunrScore = (doc) => {
      const b = coverage(doc) + (doc.location.includes("#") ? 0 : 1);
      return doc.score / (1 + b * b);
    };
    const rankOf = (doc) => coverage(doc) * 1e9 + lunrScore(doc);
    const groups = items.map((group) =>
      group.map((doc) => ({ ...doc, score: doc.score ? rankOf(doc) : 0 }))
        .sort((a, b) => b.score - a.score)
    );
    return groups.sort((a, b) => b[0].score - a[0].score);
  }

  root.SiteSearchRules = { HYPHEN, JOINER, markFlags, wordsOf, readQuery, coverage, rank };
})(typeof self !== "undefined" ? self : globalThis);
