import os  # noqa: F401  (a star import binds it too)

a = 1
_b = 2
