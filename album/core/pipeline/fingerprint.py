"""What the duplicates finder needs to know of a photo's pixels, computed once from the reduced decode.

A perceptual hash (DCT hash, ``imagehash.phash``) survives resizing, re-encoding and small edits, so two
copies of one picture land within a few bits of each other; the sharpness (variance of the Laplacian at
one fixed size) tells the crisp frame of a burst from the shaken one. Both come from the image already in
memory (~1 ms), never from the file again.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

SHARPNESS_SIZE = 256  # the long side sharpness is measured at, so copies of any resolution compare
# The long side the perceptual hash starts from, box-reduced: imagehash shrinks to 32×32 with Lanczos, whose
# kernel grows with the shrink (5 ms from 750 px, 10 ms from 1500 px; 0.5 ms from here), and the hash of
# one photo no longer depends on how large the indexer decoded it (399 px without faces, 1000 with).
PHASH_SOURCE_SIZE = 128


def perceptual_hash(image: Image.Image) -> int:
    """The 64-bit DCT hash as a signed 64-bit integer (what the store's int64 column holds)."""
    import imagehash  # scipy's DCT: loaded by the indexer's threads, never by `album search`

    factor = max(image.size) // PHASH_SOURCE_SIZE
    value = int(str(imagehash.phash(image.reduce(factor) if factor >= 2 else image)), 16)
    return value - (1 << 64) if value >= 1 << 63 else value


def sharpness(image: Image.Image) -> float:
    """The variance of the 4-neighbour Laplacian of the grey image scaled to SHARPNESS_SIZE: higher is crisper."""
    grey = image.convert("L")
    grey.thumbnail((SHARPNESS_SIZE, SHARPNESS_SIZE), Image.Resampling.BILINEAR)
    pixels = np.asarray(grey, dtype=np.float32)
    if min(pixels.shape) < 3:
        return 0.0
    laplacian = (pixels[:-2, 1:-1] + pixels[2:, 1:-1] + pixels[1:-1, :-2] + pixels[1:-1, 2:]
                 - 4 * pixels[1:-1, 1:-1])  # fmt: skip
    return float(laplacian.var())
