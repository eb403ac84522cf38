"""Print this interpreter's row of the magic-number table on the .pyc page."""

import importlib.util
import sys

magic = importlib.util.MAGIC_NUMBER
version = f"{sys.version_info.major}.{sys.version_info.minor}"
number = int.from_bytes(magic[:2], "little")
print(f"| {version} | `{sys.implementation.cache_tag}` | {number} | `{magic.hex(' ')}` |")
