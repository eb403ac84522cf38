print("spam.py ran")
