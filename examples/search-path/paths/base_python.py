"""Print the path of the interpreter this one (or its venv) was made from."""

import sys

major, minor = sys.version_info[:2]
print(f"{sys.base_prefix}/bin/python{major}.{minor}")
