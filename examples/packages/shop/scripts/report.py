from shop.cart import total

print("total:", total(["apple", "pear"]))
