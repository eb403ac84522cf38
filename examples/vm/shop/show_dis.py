"""Print the bytecode of a function of shop.py.

python show_dis.py NAME           the bytecode the compiler wrote
python show_dis.py NAME adaptive  the same, as the adaptive interpreter holds it
python show_dis.py NAME warm      call NAME 1000 times, then as "adaptive"

Code objects are shown by name, without their address and file.
"""

import dis
import io
import re
import sys

import shop

name, *options = sys.argv[1:]
function = getattr(shop, name)
if "warm" in options:
    for _ in range(1000):
        function(*shop.WARM_UP[name])
adaptive = {"adaptive": True} if options else {}
out = io.StringIO()
dis.dis(function, file=out, **adaptive)
address = r"<code object (\S+) at 0x\w+, file [^>]+>"
text = re.sub(address, r"<\1>", out.getvalue())
print(text.rstrip())
