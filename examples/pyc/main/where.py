"""Say how this module is running: its name, its spec's name, and its sys.modules entries."""

import sys

this = sys.modules[__name__]
spec = __spec__.name if __spec__ else None
entries = sorted(name for name, module in sys.modules.items() if module is this)
print(f"__name__ {__name__!r}, spec {spec!r}, in sys.modules as {entries}")
