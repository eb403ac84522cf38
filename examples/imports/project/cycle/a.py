from cycle.b import g


def f():
    return "f"
