print("running shop/tax/__init__.py")
