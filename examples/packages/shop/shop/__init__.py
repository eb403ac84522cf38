print("running shop/__init__.py")
