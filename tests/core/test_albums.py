"""Favourites, ratings, albums and export through the Library, on real photos in a real LanceDB library."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, scene, write_photo
from PIL import Image

from album.core.library import AlbumExists, ExportOptions, Library, Paths, Query, Settings


def _open() -> Library:
    return Library(Paths.from_env(), Settings(allow_downloads=False))


def _folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` with its content digest and mtime: what must not change."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


@pytest.fixture
def library(paths: Paths, photos_dir: Path) -> Library:
    for n, (make, lat) in enumerate([("Canon", 35.68), ("Canon", 35.01), ("Nikon", 38.72), ("Sony", None)]):
        exif = Exif(taken=datetime(2023, 4, n + 1, 12), make=make, model="X", lat=lat, lon=139.7 if lat else None,
                    orientation=6 if n == 0 else None)  # fmt: skip
        write_photo(photos_dir / f"p{n}.jpg", exif, scene(640, 480, seed=n))
    library = _open()
    library.index([str(photos_dir)])
    return library


def _paths(photos: object) -> list[str]:
    return [Path(p.path).name for p in photos]  # type: ignore[attr-defined]


def _found(library: Library, text: str) -> list[str]:
    return sorted(_paths(hit.photo for hit in library.search(library.parse(text)).hits))


def test_marks_and_albums_survive_a_restart_a_reindex_and_a_changed_file(library: Library, photos_dir: Path) -> None:
    photos = {Path(p.path).name: p for p in library.search(Query()).hits and
              [h.photo for h in library.search(Query()).hits]}  # fmt: skip
    library.set_favourite([photos["p0.jpg"].id, photos["p2.jpg"].id])
    library.rate([photos["p1.jpg"].id], 4)
    trip = library.create_album("Trip to Japan")
    assert library.add_to_album(trip.id, [photos["p1.jpg"].id, photos["p0.jpg"].id, photos["p1.jpg"].id]) == 2

    write_photo(photos_dir / "p0.jpg", Exif(taken=datetime(2023, 4, 1, 12), make="Canon"), scene(800, 600, seed=9))
    library.index([str(photos_dir)])  # p0 changed: re-read, re-encoded, but still the user's
    reopened = _open()
    reopened.index([str(photos_dir)])
    again = {Path(p.path).name: p for p in (h.photo for h in reopened.search(Query()).hits)}
    assert [n for n, p in sorted(again.items()) if p.favourite] == ["p0.jpg", "p2.jpg"]
    assert again["p1.jpg"].user_rating == 4 and again["p1.jpg"].stars == 4 and again["p0.jpg"].stars is None
    (album,) = reopened.albums()
    assert (album.name, album.photo_count, album.cover and Path(album.cover.path).name) == ("Trip to Japan", 2, "p1.jpg")
    assert _paths(reopened.album_photos(album)) == ["p1.jpg", "p0.jpg"]  # the order they were added in
    in_order = reopened.search(reopened.parse('album:"trip to japan"')).hits  # the album alone: in its order
    assert _paths(h.photo for h in in_order) == ["p1.jpg", "p0.jpg"]
    reopened.reorder_album(album.id, [again["p0.jpg"].id])
    assert _paths(h.photo for h in reopened.search(Query(albums=("Trip to Japan",))).hits) == ["p0.jpg", "p1.jpg"]
    assert again["p1.jpg"].to_json(reopened.album_names())["albums"] == ["Trip to Japan"]
    assert again["p1.jpg"].to_json()["rating"] == 4 and again["p0.jpg"].to_json()["favourite"] is True


def test_search_filters_favourites_albums_and_smart_albums(library: Library, photos_dir: Path) -> None:
    photos = {Path(h.photo.path).name: h.photo for h in library.search(Query()).hits}
    library.set_favourite([photos["p1.jpg"].id, photos["p3.jpg"].id])
    japan = library.create_album("Trip to Japan")
    library.add_to_album(japan.id, [photos["p0.jpg"].id, photos["p1.jpg"].id])
    for text in ("is:favourite", "favourites", "my favourite photos", "我收藏的照片"):
        assert _found(library, text) == ["p1.jpg", "p3.jpg"], text
    assert _found(library, 'album:"Trip to Japan"') == ["p0.jpg", "p1.jpg"]
    assert _found(library, "相册:「trip to japan」 is:favourite") == ["p1.jpg"]
    assert _found(library, 'album:"No such album"') == []
    query = library.parse('album:"Trip to Japan" is:favourite')
    assert library.parse(library.to_syntax(query)) == query
    assert {s.kind for s in query.sources} == {"album", "favourite"}

    canon = library.create_album("Canon", query="camera:canon")
    assert (canon.smart, _paths(library.album_photos(canon))) == (True, ["p1.jpg", "p0.jpg"])
    assert _found(library, "album:Canon is:favourite") == ["p1.jpg"]
    write_photo(photos_dir / "p4.jpg", Exif(taken=datetime(2023, 5, 1), make="Canon", model="R5"), scene(seed=4))
    library.index([str(photos_dir)])  # a smart album grows as photos arrive
    assert [(a.name, a.photo_count) for a in library.albums()] == [("Canon", 3), ("Trip to Japan", 2)]
    with pytest.raises(AlbumExists):
        library.create_album("canon")

    library.remove_from_album(japan.id, [photos["p0.jpg"].id])
    assert _found(library, 'album:"Trip to Japan"') == ["p1.jpg"]
    library.delete_album(japan.id)
    assert _found(library, 'album:"Trip to Japan"') == [] and len(_found(library, "")) == 5


def test_the_users_stars_win_over_the_files(library: Library) -> None:
    photos = {Path(h.photo.path).name: h.photo for h in library.search(Query()).hits}
    # The file's own XMP rating, as the metadata step stores it.
    library._store.update_photo_fields([{"id": photos["p0.jpg"].id, "rating": 5},
                                        {"id": photos["p1.jpg"].id, "rating": 2}])  # fmt: skip
    library.rate([photos["p0.jpg"].id], 1)
    library.rate([photos["p2.jpg"].id], 4)
    found = library.search(Query(rating_min=4)).hits
    assert _paths(h.photo for h in found) == ["p2.jpg"]
    library.rate([photos["p0.jpg"].id], None)  # back to the file's five stars
    assert sorted(_paths(h.photo for h in library.search(Query(rating_min=4)).hits)) == ["p0.jpg", "p2.jpg"]
    with pytest.raises(ValueError):
        library.rate([photos["p0.jpg"].id], 6)


def test_export_copies_originals_or_resized_jpegs_and_leaves_the_photos_alone(
    library: Library, photos_dir: Path, tmp_path: Path
) -> None:
    before = _folder_state(photos_dir)
    photos = sorted((h.photo for h in library.search(Query()).hits), key=lambda p: p.path)
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "p0.jpg").write_bytes(b"someone else's file")
    seen: list[tuple[int, int]] = []
    report = library.export(photos, dest, progress=lambda done, total: seen.append((done, total)))
    assert [p.name for p in report.written] == ["p0 (2).jpg", "p1.jpg", "p2.jpg", "p3.jpg"]
    assert (dest / "p0.jpg").read_bytes() == b"someone else's file"
    assert (dest / "p1.jpg").read_bytes() == (photos_dir / "p1.jpg").read_bytes()
    assert seen[-1] == (4, 4)

    kept = library.export(photos[:1], tmp_path / "kept", ExportOptions(long_edge=200))
    stripped = library.export(photos[:1], tmp_path / "stripped", ExportOptions(long_edge=200, strip_metadata=True))
    with Image.open(kept.written[0]) as image:
        exif = image.getexif()
        assert image.size == (150, 200)  # upright: the original is 640×480 turned by orientation 6
        assert exif.get(0x010F) == "Canon" and exif.get(0x0112) == 1
        assert exif.get_ifd(0x8825)  # GPS kept
    with Image.open(stripped.written[0]) as image:
        assert image.size == (150, 200) and not image.getexif() and "xmp" not in image.info
    assert _folder_state(photos_dir) == before


def test_export_cancels_between_photos(library: Library, tmp_path: Path) -> None:
    import threading

    cancel = threading.Event()
    photos = [h.photo for h in library.search(Query()).hits]
    report = library.export(photos, tmp_path / "out", progress=lambda done, _t: cancel.set(), cancel=cancel)
    assert report.cancelled and len(report.written) == 1
