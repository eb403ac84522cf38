print("running heavy")
answer = 42
