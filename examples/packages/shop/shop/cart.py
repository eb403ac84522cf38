from . import prices
from .prices import Price


def item(name):
    return prices.PRICES[name]


def total(names):
    return Price(sum(item(name).cents for name in names))


if __name__ == "__main__":
    print(total(["apple", "pear"]))
