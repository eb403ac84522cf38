print("both/__init__.py ran")
