"""The site's MkDocs hooks: every feature of pmv.website, composed in one order.

mkdocs.yml names this one file. It sits in a folder of its own because MkDocs puts a hook's
folder first on sys.path while it loads it: a feature module beside it named like a module of
the standard library would shadow it. The features are imported from the package (the build's
PYTHONPATH holds tests/, which the noxfile sets), and each event runs them in this order:

1. search_index   what Material's search indexes, the site's search worker, a named dialog
2. terms          a term's definition at its first use in each section
3. copy_buttons   the text a copy button copies: a session's commands or code
4. run_buttons    which sessions get a Run button; Pyodide's files in the site
5. notebook_keyboard   a notebook's code and outputs scrollable from the keyboard
6. notebook_styles     a notebook page keeps only the JupyterLab style that can apply to it
7. report_links   "Report a wrong claim" under each section's heading
8. codeblocks     code blocks with fewer elements, copy buttons written at build time
9. startup        the root's classes before the first style; a first paint with the opening
10. versions      the version picker's list, pyproject.toml's, written into its script

Each feature's handler receives what the one before it returned, as MkDocs passes a page from
hook to hook. Where a feature must run before or after a plugin (search_index around Material's
search), its handler keeps its own priority.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent

try:
    from pmv.website import (
        codeblocks,
        copy_buttons,
        notebook_keyboard,
        notebook_styles,
        report_links,
        run_buttons,
        search_index,
        startup,
        terms,
        versions,
    )
except ImportError as exc:  # a build run without the noxfile's environment
    raise PluginError(
        f"the site's hooks need the project's package pmv on sys.path ({exc}): build with "
        "`python3 noxfile.py -s docs` or `-s serve`, or set PYTHONPATH=tests"
    ) from exc


def on_config(config):
    for feature in (search_index, run_buttons):
        config = feature.on_config(config)
    return config


def on_files(files, config):
    return terms.on_files(files, config)


def on_page_content(html: str, page, config, files) -> str:
    for feature in (
        search_index,
        terms,
        copy_buttons,
        run_buttons,
        notebook_keyboard,
        notebook_styles,
        report_links,
        codeblocks,
    ):
        html = feature.on_page_content(html, page, config, files)
    return html


# Before Material's search indexes a page, and after (search_index says why).
on_page_context = search_index.on_page_context


def on_post_page(output: str, page, config) -> str:
    for feature in (search_index, startup):
        output = feature.on_post_page(output, page, config)
    return output


def on_post_template(output: str, template_name: str, config) -> str:
    return search_index.on_post_template(output, template_name, config)


# Pyodide's files and the version list at the default priority; the search index's titles after
# Material has written the index (priority -100).
on_post_build = CombinedEvent(
    run_buttons.on_post_build, versions.on_post_build, search_index.on_post_build
)
