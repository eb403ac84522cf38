print("running inventory/__init__.py")
