"""Specialised instructions stay in memory: not in co_code, marshal or a pyc."""

import dis
import marshal
from pathlib import Path

import shop


def specialised(code):
    """The instructions the interpreter put in place of the compiler's."""
    adaptive = {ins.opname for ins in dis.get_instructions(code, adaptive=True)}
    compiled = {ins.opname for ins in dis.get_instructions(code)}
    return "".join(f"\n    {name}" for name in sorted(adaptive - compiled))


code = shop.total.__code__
before = code.co_code
before_marshal = marshal.dumps(code)
print("never run:", specialised(code))
for _ in range(1000):
    shop.total([1, 2, 3])
print("after 1000 calls:", specialised(code))
fresh = compile(Path(shop.__file__).read_text(), shop.__file__, "exec")
(compiled,) = [c for c in fresh.co_consts if getattr(c, "co_name", "") == "total"]
print("co_code equals a fresh compilation's:", code.co_code == compiled.co_code)
print("co_code is the bytes object read before:", code.co_code is before)
print("marshal bytes unchanged:", marshal.dumps(code) == before_marshal)
print("marshal's copy:", specialised(marshal.loads(marshal.dumps(code))))
with open(shop.__spec__.cached, "rb") as f:
    consts = marshal.loads(f.read()[16:]).co_consts
(on_disk,) = [c for c in consts if getattr(c, "co_name", "") == "total"]
print("the pyc's copy equals it:", on_disk == code)
print("the pyc's copy:", specialised(on_disk))
