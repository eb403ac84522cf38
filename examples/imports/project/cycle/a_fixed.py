from cycle import b_fixed


def f():
    return "f"


def call_g():
    return b_fixed.g()
