"""Per-photo steps of the indexing pipeline (CLIP, faces, place names)."""
