print("the project's linecache.py ran")
