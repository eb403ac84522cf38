import linecache
import os
import runpy
import sys

for module in (sys, os, runpy, linecache):
    print(module.__name__, "from", module.__spec__.origin)
