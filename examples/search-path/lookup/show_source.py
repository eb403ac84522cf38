"""Print the source of the module named, without importing it."""

import sys
from importlib.util import find_spec

spec = find_spec(sys.argv[1])
if spec is None:
    print(sys.argv[1], "not found")
else:
    print(spec.loader.get_source(spec.name), end="")
