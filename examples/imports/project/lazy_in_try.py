try:
    lazy import heavy
finally:
    pass
