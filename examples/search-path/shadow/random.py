print("random.py in the project ran")
