count = 100
