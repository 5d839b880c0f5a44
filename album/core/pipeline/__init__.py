"""Indexing: folders in, an up-to-date library out (scan, decode, metadata, steps, batched writes)."""
