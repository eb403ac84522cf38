"""The page conventions, as things the tests (and later, generated pages) can read.

Each convention is Markdown plus an HTML comment that says what follows it, so that a page reads
the same on GitHub and on the site, and MkDocs needs no plugin:

- `<!-- verdicts -->` before a table of verdicts on sentences of the original notes;
- `<!-- short-answers -->` before a page's short-answers table;
- `<!-- term: NAME | ONE SENTENCE -->` under the heading of the section that defines a term.

`read(path)` gathers them from a page; CONTRIBUTING.md ("Page conventions") shows each.
"""
