import unittest

from shop.cart import total


class TestCart(unittest.TestCase):
    def test_total(self):
        self.assertEqual(total(["apple", "pear"]).cents, 75)


if __name__ == "__main__":
    unittest.main()
