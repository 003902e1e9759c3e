"""ippon: a judo competition system."""

__version__ = "0.1.0"
