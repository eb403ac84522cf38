"""python pyc_kind.py: what kind of pyc spam.py has in __pycache__, read from its header."""

import importlib.util
import os

with open(importlib.util.cache_from_source("spam.py"), "rb") as f:
    header = f.read(16)
flags = int.from_bytes(header[4:8], "little")
if flags & 0b01:
    check = "checked" if flags & 0b10 else "unchecked"
    matches = header[8:16] == importlib.util.source_hash(open("spam.py", "rb").read())
    print(f"flags {flags}: hash-based, {check}; hash matches spam.py: {matches}")
else:
    mtime = int.from_bytes(header[8:12], "little")
    size = int.from_bytes(header[12:16], "little")
    stat = os.stat("spam.py")
    print(f"flags {flags}: timestamp-based, mtime {mtime}, size {size}; ", end="")
    print(f"matches spam.py: {(mtime, size) == (int(stat.st_mtime), stat.st_size)}")
