"""album: a private, offline smart photo album."""

__version__ = "0.1.0"
