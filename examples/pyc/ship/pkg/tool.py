"""A module of the package."""

print(f"pkg.tool from {__file__}, by {type(__loader__).__name__}")
