"""The modules that a bare start-up left in sys.modules, by where they came from."""

import sys

kinds = {"frozen": [], "built-in": [], "other": []}
for name, module in sys.modules.items():
    origin = getattr(module.__spec__, "origin", None)
    kinds[origin if origin in ("frozen", "built-in") else "other"].append(name)
counts = ", ".join(f"{len(names)} {kind}" for kind, names in kinds.items())
print(len(sys.modules), "modules in sys.modules:", counts)
for kind in ("frozen", "other"):
    names = sorted(kinds[kind])
    print(f"{kind}:")
    for start in range(0, len(names), 3):
        print("   ", " ".join(names[start : start + 3]))
