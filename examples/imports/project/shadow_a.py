from shadow_b import g


def f():
    return "f"
