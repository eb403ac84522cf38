UNIT = "boxes"
