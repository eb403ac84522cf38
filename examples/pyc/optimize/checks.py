"""The docstring of checks.py."""

if __debug__:
    print("the `if __debug__:` block ran")
try:
    assert False, "the assert ran"
except AssertionError as error:
    print(error)
print("docstring:", __doc__)
