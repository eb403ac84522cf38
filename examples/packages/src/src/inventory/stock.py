from . import units

STOCK = {"apple": 12, "pear": 3}


def count(name):
    return f"{STOCK[name]} {units.UNIT}"
