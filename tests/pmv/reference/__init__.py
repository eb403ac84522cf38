"""The reference pages, generated from what the topic pages and the suite already know.

Each is Markdown written into docs/, so that it reads in a pull request like any page, and each
says at its top that it is generated and what to edit instead:

- docs/notes.md           the original notes, each sentence with its topic page's verdict
- docs/short-answers.md   every page's short-answers table, in the nav's order
- docs/glossary.md        every marked term, with its definition and its section
- docs/errors.md          every exception line an output shows, with its versions and section
- docs/changes.md         what changed in each version, from the version tabs' change notes
- docs/index.md           only the map between its <!-- map --> markers

`python3 noxfile.py -s generate` writes them (the update session does too);
tests/test_reference.py fails when one is out of date, naming that command.
"""
