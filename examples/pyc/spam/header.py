"""Print the 16-byte header of the pyc that importing spam wrote."""

import importlib.util
import struct
import sys

pyc = importlib.util.cache_from_source("spam.py")
with open(pyc, "rb") as f:
    header = f.read(16)

magic, flags, mtime, size = struct.unpack("<4sIII", header)
print(header.hex(" ", 4))
print(f"magic {magic!r} = {int.from_bytes(magic[:2], 'little')} + b'\\r\\n'")
print(f"ours? {magic == importlib.util.MAGIC_NUMBER} (running {sys.implementation.cache_tag})")
print(f"flags {flags}, source mtime {mtime}, source size {size}")
