print(f"running prices.py as {__name__!r}")


class Price:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Price({self.cents})"


PRICES = {"apple": Price(30), "pear": Price(45)}
