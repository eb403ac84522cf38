import os
import sys

print("sys.path[0] =", sys.path[0])
print("current directory on sys.path:", os.getcwd() in sys.path)
