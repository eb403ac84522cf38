def f():
    lazy import heavy
