"""The example runner: executes the blocks of the Markdown pages (see plugin.py)."""
