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
# # Reloading in a long-lived session
#
# A Jupyter kernel is one interpreter session: a module imported in one cell stays imported,
# in `sys.modules`, until the kernel restarts. This notebook writes a module, imports it, edits
# it, and shows what a second `import`, `importlib.reload` and IPython's `%autoreload` each do
# with the edit. It is executed when the site is built, by the interpreter whose release is
# printed first; the [imports page](../../imports/) runs the same behaviours on each version
# 3.10 to 3.15.
#
# Each write sets the file's modification time explicitly and calls
# `importlib.invalidate_caches()`: an edit within the same second that keeps the file's size
# would leave the old pyc valid, and the old code would run
# ([the trap](../../pyc/#the-trap-an-edit-that-keeps-the-size-and-the-mtime)).

# %%
import importlib
import os
import sys
import tempfile
from pathlib import Path

print(sys.version)
workdir = Path(tempfile.mkdtemp())
sys.path.insert(0, str(workdir))
module = workdir / "shop.py"


def write(price, mtime):
    module.write_text(f"def price():\n    return {price}\n")
    os.utime(module, (mtime, mtime))
    importlib.invalidate_caches()


write(1, 1_700_000_000)
import shop
from shop import price

print(shop.price(), price())
assert (shop.price(), price()) == (1, 1)

# %% [markdown]
# ## Edit the file, import again: nothing changes
#
# The second `import shop` finds the module in `sys.modules` and runs nothing:

# %%
write(2, 1_700_000_100)
import shop

print(shop.price(), price())
assert (shop.price(), price()) == (1, 1)

# %% [markdown]
# ## `importlib.reload`: the module changes, the `from` import does not
#
# `reload` runs the new source in the same module object, so `shop.price` is the new function;
# the name `price` that `from shop import price` bound still holds the old one.

# %%
same = shop
importlib.reload(shop)
print(shop is same, shop.price(), price())
assert shop is same
assert (shop.price(), price()) == (2, 1)

# %% [markdown]
# ## IPython's `%autoreload`
#
# The `autoreload` extension, part of IPython, checks before each cell runs whether a module's
# file has changed, and reloads it (mode 2, `%autoreload 2`: every module). When it reloads a
# module it also patches the module's old function objects with the new code, so that a name
# bound with `from` changes too ([autoreload](https://ipython.readthedocs.io/en/stable/config/extensions/autoreload.html)).
# It can patch only the functions the module held when autoreload reloaded it: `latest`, bound
# now, but not `price`, the function of the first version, which `importlib.reload` had already
# replaced before autoreload was loaded.

# %%
# %load_ext autoreload
# %autoreload 2

# %%
from shop import price as latest

write(3, 1_700_000_200)

# %% [markdown]
# The edit is picked up before this cell runs, without an `import` or a `reload`:

# %%
print(shop.price(), latest(), price())
assert (shop.price(), latest(), price()) == (3, 3, 1)
