__package__ = "shop.tax"  # disagrees with __spec__.parent, "shop"

from . import rates  # noqa: E402

print("from . import rates gave", rates.__name__)
