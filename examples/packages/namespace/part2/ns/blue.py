print("running part2/ns/blue.py")
