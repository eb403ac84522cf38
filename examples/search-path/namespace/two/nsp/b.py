print("two/nsp/b.py ran")
