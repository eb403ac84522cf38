print("the project's runpy.py ran")
