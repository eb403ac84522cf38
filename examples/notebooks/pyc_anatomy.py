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
# the site is built, so every output below, the disassembly included, comes from the one
# interpreter that built the site (its release is printed first); the
# [.pyc page](../../pyc/) runs its examples on each version 3.10 to 3.15.
#
# We compile a two-line module with [`py_compile`](https://docs.python.org/3/library/py_compile.html)
# in a temporary directory, then take the file apart. The kind of pyc is chosen explicitly, a
# timestamp-based one: left to its default, `py_compile` writes a hash-based pyc whenever the
# environment sets `SOURCE_DATE_EPOCH`, as reproducible builds do
# ([`py_compile.compile`](https://docs.python.org/3/library/py_compile.html#py_compile.compile)),
# and the header would then hold a hash where this notebook reads a time and a size. The
# source's modification time is set to a fixed value, so that the header's bytes are the same in
# every build.

# %%
import dis
import importlib.util
import marshal
import os
import py_compile
import struct
import sys
import tempfile
from pathlib import Path

print(sys.version)
workdir = Path(tempfile.mkdtemp())
source = workdir / "spam.py"
source.write_text('GREETING = "hello"\nprint(GREETING, "from spam")\n')
os.utime(source, (1_700_000_000, 1_700_000_000))
timestamp = py_compile.PycInvalidationMode.TIMESTAMP
pyc = Path(py_compile.compile(str(source), doraise=True, invalidation_mode=timestamp))
print(pyc.relative_to(workdir))

# %% [markdown]
# The file lands in `__pycache__/`, named after the module and the interpreter's cache tag
# ([PEP 3147](https://peps.python.org/pep-3147/)). `importlib.util.cache_from_source` computes
# the same name:

# %%
print(sys.implementation.cache_tag)
print(Path(importlib.util.cache_from_source(str(source))) == pyc)
assert pyc.name == f"spam.{sys.implementation.cache_tag}.pyc"
assert Path(importlib.util.cache_from_source(str(source))) == pyc

# %% [markdown]
# ## The 16-byte header
#
# Since Python 3.7 the header is four 32-bit little-endian words
# ([PEP 552](https://peps.python.org/pep-0552/)): the magic number, a flags word, then either the
# source's modification time and size (flags 0, as here), or (for hash-based pycs) an 8-byte hash
# of the source.

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
assert magic == importlib.util.MAGIC_NUMBER and flags == 0
assert (mtime, size) == (1_700_000_000, source.stat().st_size)

# %% [markdown]
# The magic number is a 16-bit number followed by `b"\r\n"`. CPython's list of magic numbers
# (in [`Lib/importlib/_bootstrap_external.py`](https://github.com/python/cpython/blob/3.13/Lib/importlib/_bootstrap_external.py)
# up to 3.13, in
# [`Include/internal/pycore_magic_number.h`](https://github.com/python/cpython/blob/3.14/Include/internal/pycore_magic_number.h)
# since 3.14) explains both parts: the number "should change for each incompatible change to the
# bytecode", so it changes many times during a version's development and is normally frozen at
# its final release; and "The value of CR and LF is incorporated so if you ever read or write a
# .pyc file in text mode the magic number will be wrong".

# %%
number = int.from_bytes(magic[:2], "little")
print(number, magic[2:])
assert magic[2:] == b"\r\n"

# %% [markdown]
# ## The body: a marshalled code object
#
# Everything after the header is the module's code object, serialised with
# [`marshal`](https://docs.python.org/3/library/marshal.html). Loading it gives a code object
# equal to the one that compiling the source gives:

# %%
code = marshal.loads(data[16:])
print(type(code).__name__, code.co_filename == str(source))
print(code == compile(source.read_bytes(), str(source), "exec"))
assert code == compile(source.read_bytes(), str(source), "exec")

# %% [markdown]
# It is bytecode for the interpreter's virtual machine; `dis` shows it:

# %%
dis.dis(code)

# %% [markdown]
# Running it in a namespace is, in essence, what `import spam` does after it has found the pyc
# valid. Import does more around it: it creates a module object, sets its `__spec__`,
# `__loader__` and `__file__`, puts it in `sys.modules`, and then runs the code in the module's
# namespace ([The import system](https://docs.python.org/3/reference/import.html#loading)).

# %%
namespace = {"__name__": "spam"}
exec(code, namespace)
print(namespace["GREETING"])
assert namespace["GREETING"] == "hello"

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
assert flags == 0b11 and data[8:16] == importlib.util.source_hash(source.read_bytes())

# %%
import shutil  # noqa: E402

shutil.rmtree(workdir)
