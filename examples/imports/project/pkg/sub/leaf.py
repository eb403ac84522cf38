print("running pkg.sub.leaf")
value = 42
