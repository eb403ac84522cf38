print("running part1/ns/red.py")
