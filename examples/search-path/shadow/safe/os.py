print("the project's os.py ran")
