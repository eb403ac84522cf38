__all__ = ["circle", "_unit"]

_unit = 1


def circle():
    return "circle"


def square():
    return "square"
