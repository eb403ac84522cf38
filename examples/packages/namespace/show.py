import ns.blue
import ns.red

print("ns.__file__:", ns.__file__)
for entry in ns.__path__:
    print("in ns.__path__:", entry)
