"""The sys.path hack, with the trap it sets."""

import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root))  # so that `import shop` works
sys.path.insert(0, str(root / "shop"))  # so that `import prices` works

import prices  # noqa: E402
from shop import cart  # noqa: E402

apple = cart.item("apple")
print(type(apple), prices.Price)
print("isinstance:", isinstance(apple, prices.Price))
