"""tomllib, or on Python 3.10 the tomli that pytest itself depends on there."""

try:
    from tomllib import loads
except ImportError:  # Python 3.10
    from tomli import loads

__all__ = ["loads"]
