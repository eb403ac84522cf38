# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Watching the VM
#
# CPython compiles a function into bytecode and its virtual machine, the evaluation loop, runs
# it. This notebook disassembles a small function, runs it a thousand times, disassembles it
# again as the specialising adaptive interpreter now holds it, works out how deep its value
# stack gets, and stops a generator halfway to look at its frame's local variables. It is
# executed once, when the site is built, by the Python that builds the docs: the first cell
# prints its `sys.version`, and every output below is that interpreter's. The listings, the
# instruction names and the stack depths differ from version to version; the
# [interpreter and VM page](../../interpreter-vm/) runs the same steps on each version 3.10 to
# 3.15 and shows each one's output.
#
# The functions live in a small module written to a temporary folder, as they would in a
# project:

# %%
import dis
import importlib
import sys
import tempfile
from pathlib import Path

print(sys.version)
workdir = Path(tempfile.mkdtemp())
(workdir / "shop.py").write_text(
    """\
RATE = 2


def total(prices):
    result = 0
    for price in prices:
        result += price * RATE
    return result


def running_total(prices):
    result = 0
    for price in prices:
        result += price * RATE
        yield result
"""
)
sys.path.insert(0, str(workdir))
importlib.invalidate_caches()
import shop  # noqa: E402

print(shop.total([1, 2, 3]))
assert shop.total([1, 2, 3]) == 12

# %% [markdown]
# ## The bytecode the compiler wrote
#
# [`dis.dis`](https://docs.python.org/3/library/dis.html#dis.dis) prints one instruction a line:
# `LOAD_FAST` (or a combined form of it) for the locals, `LOAD_GLOBAL` for the module's `RATE`,
# and a generic `BINARY_OP` (on 3.10, `BINARY_MULTIPLY` and `INPLACE_ADD`) for the arithmetic.

# %%
dis.dis(shop.total)


# %%
def names(code, adaptive=False):
    """The opcode names of a code object, as compiled or as the interpreter holds them."""
    options = {"adaptive": True} if adaptive else {}
    return {ins.opname for ins in dis.get_instructions(code, **options)}


code = shop.total.__code__
compiled = names(code)
print(sorted(n for n in compiled if "GLOBAL" in n or "BINARY" in n or "INPLACE" in n))
assert "LOAD_GLOBAL" in compiled

# %% [markdown]
# ## Warm it up, look again
#
# From 3.11 on, the evaluation loop replaces an instruction, in memory, by a version specialised
# for what it has seen, once it has run a few times
# ([PEP 659](https://peps.python.org/pep-0659/)). A thousand calls are far more than that
# needs. `dis.dis(..., adaptive=True)` shows the instructions as they are now; 3.10 has neither
# specialisation nor the `adaptive` argument.

# %%
before = code.co_code
for _ in range(1000):
    shop.total([1, 2, 3])

if sys.version_info >= (3, 11):
    dis.dis(shop.total, adaptive=True)
    specialised = names(code, adaptive=True) - compiled
    print(*sorted(specialised), sep="\n")
    expected = {"LOAD_GLOBAL_MODULE", "BINARY_OP_MULTIPLY_INT", "BINARY_OP_ADD_INT"}
    assert expected <= specialised
else:
    import inspect

    print("Python", sys.version.split()[0], "does not specialise")
    assert "adaptive" not in inspect.signature(dis.dis).parameters

# %% [markdown]
# From 3.11 on, the interpreter specialises the code object's own instructions in place;
# `co_code` is a copy with the specialisations undone (`_PyCode_GetCode` in
# [`Objects/codeobject.c`](https://github.com/python/cpython/blob/main/Objects/codeobject.c)),
# and that copy is what `marshal` writes into a pyc
# ([the page's proof](../../interpreter-vm/#specialised-instructions-never-reach-a-pyc)).
# Comparing `co_code` with the `before` read above would prove nothing: from 3.11 on, CPython
# builds that copy once and keeps it (before 3.11 `co_code` is the instructions themselves), so
# it is the very same bytes object on every version. A fresh compilation of the same source is
# the fair comparison:

# %%
fresh = compile((workdir / "shop.py").read_text(), str(workdir / "shop.py"), "exec")
(fresh_total,) = [c for c in fresh.co_consts if getattr(c, "co_name", "") == "total"]
print("co_code equals a fresh compilation's:", code.co_code == fresh_total.co_code)
print("the same bytes object as before warm-up:", code.co_code is before)
assert code.co_code == fresh_total.co_code

# %% [markdown]
# ## How deep the value stack gets
#
# Python code cannot read a frame's value stack, but the bytecode says how deep it is after
# each instruction: the sum of
# [`dis.stack_effect`](https://docs.python.org/3/library/dis.html#dis.stack_effect) of the
# instructions so far. Here for `total`, up to the jump back to the head of its loop; what
# `GET_ITER` pushes for the `for` (the iterator; from 3.15 two items, so every depth after it is
# one more there) stays on the stack for the whole loop. The deepest point is `co_stacksize`,
# the room the compiler reserves in every frame of this code, whatever the version makes it.

# %%
depth = deepest = 0
for ins in dis.get_instructions(shop.total):
    arg = ins.arg if ins.opcode >= dis.HAVE_ARGUMENT else None
    depth += dis.stack_effect(ins.opcode, arg, jump=False)
    deepest = max(deepest, depth)
    print(f"{ins.opname:<34} {ins.argrepr:<16} depth {depth}")
    if ins.opname.startswith("JUMP"):
        break
print("deepest:", deepest, "co_stacksize:", shop.total.__code__.co_stacksize)
assert deepest == shop.total.__code__.co_stacksize

# %% [markdown]
# ## A frame, stopped halfway
#
# Each call runs in a frame: the code object, its local variables, a value stack, and the
# instruction it is at. A generator keeps its frame between `next()` calls, so the frame can be
# looked at while it is paused, here after the second price
# ([frame objects](https://docs.python.org/3/reference/datamodel.html#frame-objects)). From 3.13
# `f_locals` is a write-through proxy that prints like a dict
# ([PEP 667](https://peps.python.org/pep-0667/)); before, a dict:

# %%
generator = shop.running_total([1, 2, 3])
print(next(generator), next(generator))
frame = generator.gi_frame
print(frame.f_code.co_name, "at line", frame.f_lineno)
print(frame.f_locals)
assert frame.f_locals == {"prices": [1, 2, 3], "result": 6, "price": 2}
assert frame.f_lineno == 15

# %% [markdown]
# Finishing the generator runs the rest of its bytecode; its frame is then gone.

# %%
print(list(generator), generator.gi_frame)
assert generator.gi_frame is None

# %%
import shutil  # noqa: E402

sys.path.remove(str(workdir))
shutil.rmtree(workdir)
