print("running broken")
raise ValueError("broken at import")
