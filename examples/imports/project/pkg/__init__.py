print("running pkg")
