"""python show_load.py NAME: import NAME and say where its code object came from.

It counts the calls to the source loader's compiler: a module whose pyc is valid is loaded
without one. (This script itself is the main script, so it is never cached.)
"""

import importlib.machinery
import sys

compiled = []
compile_source = importlib.machinery.SourceFileLoader.source_to_code


def counting_source_to_code(self, data, path, *args, **kwargs):
    compiled.append(path)
    return compile_source(self, data, path, *args, **kwargs)


importlib.machinery.SourceFileLoader.source_to_code = counting_source_to_code

name = sys.argv[1]
module = __import__(name)
how = "compiled from source" if compiled else "code object read from the cache"
print(f"{name}: {how}")
