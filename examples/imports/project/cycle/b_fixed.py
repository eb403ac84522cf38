from cycle import a_fixed


def g():
    return "g, then " + a_fixed.f()
