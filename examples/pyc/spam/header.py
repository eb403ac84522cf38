"""Print the 16-byte header of the pyc that importing spam wrote, field by field."""

import importlib.util
import struct

pyc = importlib.util.cache_from_source("spam.py")
with open(pyc, "rb") as f:
    header = f.read(16)

magic, flags, mtime, size = struct.unpack("<4sIII", header)
# The magic number is this version's own (the table above lists them); its tail is fixed.
print(f"magic: this interpreter's? {magic == importlib.util.MAGIC_NUMBER}; ends {magic[2:]!r}")
print(f"flags {flags}, source mtime {mtime}, source size {size}")
print("bytes 4-15:", header[4:].hex(" ", 4))
