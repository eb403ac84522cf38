print("hello imported from", __file__)
