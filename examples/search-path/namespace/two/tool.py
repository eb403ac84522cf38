print("two/tool.py ran")
