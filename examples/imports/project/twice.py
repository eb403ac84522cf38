class Thing:
    pass


print("running as", __name__)

if __name__ == "__main__":
    import twice

    print("same class:", Thing is twice.Thing)
