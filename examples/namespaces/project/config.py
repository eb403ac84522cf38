"""Shared settings: other modules read them as config.NAME."""

debug = False
colours = ["red"]
