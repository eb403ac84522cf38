print("__name__:", __name__)
print("__spec__.name:", __spec__.name if __spec__ else None)
