# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Anatomy of a .pyc
#
# A step-by-step walk through the bytes of a real `.pyc` file. This notebook is executed when
# the site is built, so every output below comes from the interpreter that built the site; the
# [.pyc page](../../pyc/) shows the parts that differ between versions, run on each of them.
#
# We compile a two-line module with [`py_compile`](https://docs.python.org/3/library/py_compile.html)
# in a temporary directory, then take the file apart.

# %%
import dis
import importlib.util
import marshal
import py_compile
import struct
import sys
import tempfile
from pathlib import Path

workdir = Path(tempfile.mkdtemp())
source = workdir / "spam.py"
source.write_text('GREETING = "hello"\nprint(GREETING, "from spam")\n')
pyc = Path(py_compile.compile(str(source), doraise=True))
print(sys.version)
print(pyc.relative_to(workdir))

# %% [markdown]
# The file lands in `__pycache__/`, named after the module and the interpreter's cache tag
# ([PEP 3147](https://peps.python.org/pep-3147/)). `importlib.util.cache_from_source` computes
# the same name:

# %%
print(sys.implementation.cache_tag)
print(Path(importlib.util.cache_from_source(str(source))) == pyc)

# %% [markdown]
# ## The 16-byte header
#
# Since Python 3.7 the header is four 32-bit little-endian words
# ([PEP 552](https://peps.python.org/pep-0552/)): the magic number, a flags word, then either the
# source's modification time and size, or (for hash-based pycs) an 8-byte hash of the source.

# %%
data = pyc.read_bytes()
print(len(data), "bytes in all")
print(data[:16].hex(" ", 4))

# %%
magic, flags, mtime, size = struct.unpack("<4sIII", data[:16])
print("magic  ", magic, "==", importlib.util.MAGIC_NUMBER, magic == importlib.util.MAGIC_NUMBER)
print("flags  ", flags)
print("mtime  ", mtime, "== int(st_mtime):", mtime == int(source.stat().st_mtime) & 0xFFFFFFFF)
print("size   ", size, "== st_size:", size == source.stat().st_size)

# %% [markdown]
# The magic number is a 16-bit version number followed by `b"\r\n"`: the carriage return and
# line feed make a file mangled by a text-mode transfer fail the check. The number changes
# whenever the bytecode format changes, so each minor version has its own.

# %%
number = int.from_bytes(magic[:2], "little")
print(number, magic[2:])

# %% [markdown]
# ## The body: a marshalled code object
#
# Everything after the header is the module's code object, serialised with
# [`marshal`](https://docs.python.org/3/library/marshal.html). Loading it gives the same object
# that compiling the source gives:

# %%
code = marshal.loads(data[16:])
print(type(code).__name__, code.co_filename == str(source))
print(code == compile(source.read_bytes(), str(source), "exec"))

# %% [markdown]
# It is bytecode for the interpreter's virtual machine; `dis` shows it:

# %%
dis.dis(code)

# %% [markdown]
# Running it is what `import spam` does after it has found the pyc valid:

# %%
namespace = {"__name__": "spam"}
exec(code, namespace)
print(namespace["GREETING"])

# %% [markdown]
# ## A hash-based pyc
#
# Compiled with `invalidation_mode=CHECKED_HASH`, the flags word is 3 (bit 0: hash-based,
# bit 1: check the source) and the last eight bytes are
# `importlib.util.source_hash` of the source instead of its mtime and size.

# %%
py_compile.compile(
    str(source), doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH
)
data = pyc.read_bytes()
flags = int.from_bytes(data[4:8], "little")
print("flags", flags, "hash-based:", bool(flags & 1), "checked:", bool(flags & 2))
print(data[8:16] == importlib.util.source_hash(source.read_bytes()))

# %%
import shutil  # noqa: E402

shutil.rmtree(workdir)
