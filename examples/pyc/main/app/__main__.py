"""The __main__.py of a directory or a zip file: what `python app` runs."""

print(f"{__file__} ran, loaded by {type(__loader__).__name__}")
