"""What a search says besides its hits: a weak match (judged on the model's own score distribution
over the library) and, for a search that finds nothing, what the library holds instead."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import tinyclip
from photofactory import Exif, scene, write_photo

from album.core.library import Library, Paths, Query


def test_nonsense_is_a_weak_match_and_a_shape_is_not(models_dir: Path, photos_dir: Path) -> None:
    tinyclip.write_photos(photos_dir, per_class=3)
    library = Library(Paths.from_env())
    report = library.index([str(photos_dir)])
    assert report.added == 36 and not [u for u in report.unavailable if u.startswith("clip")]
    strong = library.search(library.parse("red circle"))
    assert strong.hits and not strong.weak
    nonsense = library.search(library.parse("xqzvbnm flurb"))
    assert nonsense.weak
    assert len(nonsense.hits) < len(strong.hits) * 3  # a few best guesses, never the library in random order
    assert not library.similar(strong.hits[0].photo.path).weak  # a photo is compared, not judged
    kept = list(Paths.from_env().cache_dir.rglob("background.npz"))
    assert len(kept) == 1 and not np.isnan(np.load(kept[0])["nonsense"][0])  # measured once, kept for the next
    again = Library(Paths.from_env())  # the next process reads the verdict's bar instead of measuring it
    assert again.search(again.parse("xqzvbnm flurb")).weak and not again.search(again.parse("red circle")).weak


def test_what_a_library_lacks_is_weak_and_what_a_third_of_it_shows_is_not(models_dir: Path, photos_dir: Path) -> None:
    """Red and green shapes only: each query for them matches a sixth of the library, which widens its
    own spread of scores (judged in that spread, every one of them was called weak); the blue and
    yellow shapes are real words with nothing to find."""
    tinyclip.write_photos(photos_dir, per_class=6, seed=777)
    for path in photos_dir.iterdir():
        if path.name.split("_")[0] not in ("red", "green"):
            path.unlink()
    library = Library(Paths.from_env())
    assert library.index([str(photos_dir)]).added == 36
    for text in ("a red circle", "a green triangle", "红色的正方形", "绿色的圆形"):
        assert not library.search(library.parse(text)).weak, text
    for text in ("a blue circle", "a yellow square", "蓝色的三角形", "黄色的圆形"):
        assert library.search(library.parse(text)).weak, text


def test_an_empty_result_says_what_the_library_holds(album_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Trips"
    spots = [(38.7223, -9.1393)] * 3 + [(41.1579, -8.6291)] * 2 + [(40.2033, -8.4103)]  # Lisbon, Porto, Coimbra
    for i, (lat, lon) in enumerate(spots):
        exif = Exif(taken=datetime(2019 if i < 4 else 2020, 5, 1 + i), lat=lat, lon=lon)
        write_photo(folder / f"IMG_{i}.jpg", exif, image=scene(320, 240, seed=i))
    library = Library(Paths.from_env())
    library.index([str(folder)])
    found = library.search(Query(date_from=date(1850, 1, 1), date_to=date(1850, 12, 31)))
    assert found.hits == [] and found.overview is not None
    assert found.overview.places[:3] == ("Lisbon", "Porto", "Coimbra")  # most photos first
    assert found.overview.years == (2019, 2020)  # four photos of 2019, two of 2020
    assert found.overview.photos == 6
    assert library.search(Query()).overview is None  # only an empty result carries one
