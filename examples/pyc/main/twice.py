"""A script that imports itself by name: two modules, so its code runs twice."""

print(f"running as {__name__}")
import twice  # noqa: E402, F401
