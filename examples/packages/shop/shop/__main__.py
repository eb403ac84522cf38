from .cart import item

print("shop/__main__.py runs as", __name__)
print(item("apple"))
