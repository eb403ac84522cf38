"""A module with one side effect, so that each run shows how it was loaded."""

print(f"spam loaded as {__name__}")
