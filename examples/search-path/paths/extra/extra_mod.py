print("extra_mod imported from", __file__)
