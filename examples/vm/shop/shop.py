RATE = 2


def total(prices):
    result = 0
    for price in prices:
        result += price * RATE
    return result


def with_rate(price):
    return price * RATE + 1


def squares(n):
    return [i * i for i in range(n)]


def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None


WARM_UP = {
    "total": ([1, 2, 3],),
    "with_rate": (5,),
    "squares": (3,),
    "safe_div": (6, 3),
}
