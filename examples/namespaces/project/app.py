import config


def report():
    return f"debug={config.debug}"
