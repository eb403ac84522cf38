from cycle.a import f


def g():
    return "g"
