"""The pure-Python core of album: no Qt is ever imported below this package."""
