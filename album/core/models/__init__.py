"""Models: the registry and verified downloads, CLIP, faces and the zero-shot tag vocabulary."""
