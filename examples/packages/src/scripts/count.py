from inventory.stock import count

print("apples:", count("apple"))
