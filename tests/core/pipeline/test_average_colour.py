"""What the grid lays photos out with: each photo's mean colour (its placeholder) and its upright shape,
read from the store without building a record per photo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
from photofactory import Exif, write_photo
from PIL import Image

from album.core.pipeline.indexer import Indexer
from album.core.query.model import Query
from album.core.search import UnrankedHits
from album.core.store.db import Store


def halves(width: int, height: int, left: tuple[int, int, int], right: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (width, height), left)
    image.paste(right, (width // 2, 0, width, height))
    return image


def test_each_photo_keeps_its_mean_colour_and_upright_shape(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    write_photo(photos_dir / "red.jpg", Exif(taken=datetime(2023, 1, 3)), image=Image.new("RGB", (400, 300), (200, 30, 40)))
    write_photo(photos_dir / "mixed.jpg", Exif(taken=datetime(2023, 1, 2)),
                image=halves(600, 200, (0, 0, 255), (255, 255, 0)))  # fmt: skip
    # Stored 400×300 but turned a quarter by its EXIF: people see it 300 wide and 400 high.
    write_photo(photos_dir / "turned.jpg", Exif(taken=datetime(2023, 1, 1), orientation=6),
                image=Image.new("RGB", (400, 300), (20, 160, 60)))  # fmt: skip
    indexer.run([str(photos_dir)])
    photos = {Path(p.path).name: p for p in store.photos_matching(Query(), None)}
    colour = {name: p.average_colour for name, p in photos.items()}
    assert colour["red.jpg"] is not None
    r, g, b = (colour["red.jpg"] >> 16) & 255, (colour["red.jpg"] >> 8) & 255, colour["red.jpg"] & 255
    assert abs(r - 200) <= 4 and abs(g - 30) <= 4 and abs(b - 40) <= 4  # JPEG moves a colour a little
    mixed = colour["mixed.jpg"]
    assert mixed is not None and all(abs(((mixed >> s) & 255) - 128) <= 6 for s in (16, 8, 0))  # blue + yellow
    assert (photos["turned.jpg"].width, photos["turned.jpg"].height) == (300, 400)
    hits = UnrankedHits(store.photos_matching(Query(), None), ())
    ratios = hits.aspect_ratios()
    assert np.allclose(ratios, [h.photo.aspect_ratio for h in hits])  # the columns say what the records say
    assert sorted(np.round(ratios, 3)) == [0.75, round(4 / 3, 3), 3.0]


def test_photos_indexed_before_have_no_colour_and_unknown_shapes_are_nan(store: Store) -> None:
    store.photos.add([{"id": "old", "path": "/old.jpg", "path_bytes": b"/old.jpg", "width": None, "height": None}])
    rows = store.photos_matching(Query(), None)
    assert rows[0].average_colour is None and rows[0].aspect_ratio is None
    assert np.isnan(rows.aspect_ratios()).all()
