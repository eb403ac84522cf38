from ..prices import Price

VAT = 0.2


def with_vat(price):
    return Price(round(price.cents * (1 + VAT)))


if __name__ == "__main__":
    print(with_vat(Price(30)))
