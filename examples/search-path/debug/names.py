"""Read -X importtime lines on stdin; print the column of module names.

The other two columns are times, which differ from run to run; a line
whose times are "cached" (-X importtime=2) is marked so. Only the lines
of the modules named as arguments (and their submodules) are kept.
"""

import sys

wanted = sys.argv[1:]
for line in sys.stdin:
    if not line.startswith("import time:") or line.count("|") != 2:
        continue
    self_time, _, name = line[len("import time:") :].rstrip("\n").split("|")
    name = name[1:]
    module = name.strip()
    if any(module == w or module.startswith(w + ".") for w in wanted):
        print(name + ("  (cached)" if self_time.strip() == "cached" else ""))
