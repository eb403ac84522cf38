print("both.py ran")
