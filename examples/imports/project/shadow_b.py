from shadow_a import f


def g():
    return "g"
