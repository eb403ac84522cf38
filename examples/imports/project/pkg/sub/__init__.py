print("running pkg.sub")
