print("the project's sys.py ran")
