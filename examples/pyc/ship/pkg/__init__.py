"""A package, imported from its __init__.py or from a pyc in its place."""

print(f"pkg from {__file__}, by {type(__loader__).__name__}")
