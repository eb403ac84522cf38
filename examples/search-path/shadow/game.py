import random

roll = random.randint(1, 6)
print("rolled a die:", 1 <= roll <= 6)
