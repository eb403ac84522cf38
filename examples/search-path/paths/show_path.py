"""Print sys.path, one entry a line, marking the entries that do not exist."""

import os
import sys

for i, entry in enumerate(sys.path):
    absent = "" if os.path.exists(entry or ".") else "  (absent)"
    print(f"{i} {entry!r}{absent}")
