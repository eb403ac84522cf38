"""The finders that the import system asks, in the order it asks them."""

import sys


def name(obj):
    return getattr(obj, "__qualname__", type(obj).__qualname__)


print("sys.meta_path:")
for finder in sys.meta_path:
    print("   ", name(finder))
print("sys.path_hooks:")
for hook in sys.path_hooks:
    print("   ", name(hook))
import spam  # noqa: E402  (puts this folder's finder in the cache)

print("sys.path_importer_cache, for the entries of sys.path:")
for entry in sys.path:
    finder = sys.path_importer_cache.get(entry)
    print(f"    {entry or repr(entry)}: {finder and type(finder).__name__}")
