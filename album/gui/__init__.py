"""The PySide6 desktop app: a thin layer over album.core, holding no business logic."""
