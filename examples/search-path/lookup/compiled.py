print("compiled.py ran")
