print("one/nsp/a.py ran")
