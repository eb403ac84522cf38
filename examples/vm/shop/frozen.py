"""The modules that a bare start-up left in sys.modules, and the frozen ones."""

import sys

frozen = sorted(
    name
    for name, module in sys.modules.items()
    if getattr(module.__spec__, "origin", None) == "frozen"
)
print(len(sys.modules), "modules in sys.modules,", len(frozen), "frozen:")
for start in range(0, len(frozen), 3):
    print("   ", " ".join(frozen[start : start + 3]))
