"""Say which package this module belongs to."""

spec = __spec__.name if __spec__ else None
parent = __spec__.parent if __spec__ else None
print(f"__name__ {__name__!r}, __spec__.name {spec!r}")
print(f"__spec__.parent {parent!r}, __package__ {__package__!r}")
