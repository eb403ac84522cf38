"""Print where the import system would load each named module from."""

import sys
from importlib.util import find_spec

for name in sys.argv[1:]:
    spec = find_spec(name)
    if spec is None:
        print(f"{name}: not found")
        continue
    loader = spec.loader
    kind = getattr(loader, "__name__", type(loader).__name__)
    print(f"{name}: {spec.origin} ({kind})")
