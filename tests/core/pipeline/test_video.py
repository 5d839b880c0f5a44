"""Videos through the real pipeline: PyAV-made clips of the tiny CLIP's shapes are indexed, dated, placed,
found by text at the second their shape shows, paired with their still as a Live Photo, and a damaged one
becomes an error row while the run goes on."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest
import tinyclip
from videofactory import write_video

from album.cli import hit_json
from album.core.config import IndexSettings
from album.core.models.clip import ClipEncoder
from album.core.pipeline.indexer import Indexer, IndexReport
from album.core.pipeline.media import thumbnail_path
from album.core.pipeline.steps.clip import ClipStep
from album.core.pipeline.video import container_meta
from album.core.query import Query
from album.core.search import Searcher
from album.core.store.db import Store


class Library:
    def __init__(self, folder: Path, store: Store, searcher: Searcher, report: IndexReport, indexer: Indexer) -> None:
        self.folder, self.store, self.searcher, self.report, self.indexer = folder, store, searcher, report, indexer

    def row(self, name: str) -> dict:
        rows = [r for r in self.store.query_photos(None).to_pylist() if Path(r["path"]).name == name]
        assert len(rows) == 1, name
        return rows[0]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, tiny_clip_folder: Path) -> Library:
    root = tmp_path_factory.mktemp("video")
    folder = root / "Videos"
    tinyclip.write_photos(folder, per_class=1)  # 12 photos for the videos to compete with
    write_video(folder / "shapes.mp4", [("red", "circle", 3), ("blue", "square", 3)])
    apple = {"com.apple.quicktime.creationdate": "2024-05-01T12:30:00+0200",
             "com.apple.quicktime.location.ISO6709": "+48.8577+002.2950+035.000/",
             "com.apple.quicktime.make": "Apple", "com.apple.quicktime.model": "iPhone 15"}  # fmt: skip
    write_video(folder / "trip.mov", [("green", "triangle", 2)], metadata=apple)
    tinyclip.draw("yellow", "circle", random.Random(3), 160, 120).save(folder / "IMG_0001.jpg", quality=90)
    write_video(folder / "IMG_0001.MOV", [("yellow", "circle", 1.5)])
    whole = write_video(root / "whole.mp4", [("red", "square", 2)]).read_bytes()
    (folder / "broken.mp4").write_bytes(whole[: len(whole) // 2])  # cut off before its index (moov)
    (folder / "empty.webm").write_bytes(b"")

    tinyclip.install(root / "models", "tiny-shapes")
    encoder = ClipEncoder(root / "models", "tiny-shapes", threads=2, allow_download=False, cache_dir=root / "cache")
    store = Store(root / "db")
    indexer = Indexer(store, root / "thumbs", IndexSettings(batch_size=8, workers=2), steps=[ClipStep(encoder)])
    report = indexer.run([str(folder)])
    return Library(folder, store, Searcher(store, encoder), report, indexer)


def test_videos_are_indexed_and_bad_ones_are_error_rows(library: Library) -> None:
    report = library.report
    assert (report.added, report.failed, report.unavailable) == (15, 2, [])  # 12 photos, 2 videos, 1 Live Photo
    assert report.videos == 4  # with the two damaged ones; a Live Photo's clip is part of its still
    errors = {Path(e.path).name: e for e in library.store.list_errors()}
    assert set(errors) == {"broken.mp4", "empty.webm"}
    assert errors["broken.mp4"].kind == "corrupt"
    assert errors["broken.mp4"].reason.startswith("cannot read the video: ")
    assert errors["empty.webm"].kind == "empty"


def test_a_video_has_its_kind_length_size_codec_and_poster(library: Library) -> None:
    row = library.row("shapes.mp4")
    assert (row["kind"], row["duration"], row["width"], row["height"], row["format"]) == (
        "video",
        6.0,
        160,
        120,
        "h264",
    )
    assert thumbnail_path(library.indexer.thumbs_dir, row["content_hash"]).is_file()
    assert library.row("red_circle_0.jpg")["kind"] == "photo"
    assert row["date_source"] == "file"  # no date in the container: the file's, as for a photo


def test_a_mov_is_dated_with_its_offset_and_placed(library: Library) -> None:
    row = library.row("trip.mov")
    assert (row["taken_at"], row["tz_offset_min"], row["date_source"]) == (
        datetime(2024, 5, 1, 12, 30),
        120,
        "container",
    )
    assert (row["lat"], row["lon"], row["alt"], row["camera"]) == (48.8577, 2.295, 35.0, "Apple iPhone 15")


def test_a_live_photo_is_one_item_the_still(library: Library) -> None:
    assert library.row("IMG_0001.jpg")["kind"] == "live"
    names = {Path(p).name for p in library.store.query_photos(None, ["path"]).column("path").to_pylist()}
    assert "IMG_0001.MOV" not in names
    hits = library.searcher.search(Query(text="a photo of a yellow circle")).hits
    assert "IMG_0001.MOV" not in {Path(h.photo.path).name for h in hits}


@pytest.mark.parametrize(("text", "second"), [("a photo of a red circle", 0.0), ("a photo of a blue square", 3.0)])
def test_text_search_finds_a_video_at_the_second_it_shows_the_shape(library: Library, text: str, second: float) -> None:
    hits = library.searcher.search(Query(text=text)).hits
    video = next(h for h in hits[:3] if h.photo.path.endswith("shapes.mp4"))
    assert video.time is not None and abs(video.time - second) <= 1.0
    record = hit_json(video)
    assert (record["kind"], record["duration"], record["time"]) == ("video", 6.0, video.time)
    photo = next(h for h in hits if h.photo.kind == "photo")
    assert photo.time is None and "time" not in hit_json(photo) and hit_json(photo)["kind"] == "photo"


def test_similar_finds_videos(library: Library) -> None:
    hits = library.searcher.similar(str(library.folder / "blue_square_0.jpg")).hits
    assert "shapes.mp4" in [Path(h.photo.path).name for h in hits[:3]]
    assert Path(library.searcher.similar(str(library.folder / "shapes.mp4")).hits[0].photo.path).name == "shapes.mp4"


def test_a_second_run_decodes_no_video_again(library: Library) -> None:
    report = library.indexer.run([str(library.folder)])
    assert (report.decoded, report.unchanged, report.failed) == (0, 17, 0)


def test_container_tags_without_apples_keys_give_utc_and_the_xyz_place() -> None:
    meta = container_meta({"creation_time": "2023-07-14T18:05:09.000000Z", "location": "-33.8688+151.2093/"})
    assert (meta.taken_at, meta.tz_offset_min, meta.lat, meta.lon) == (
        datetime(2023, 7, 14, 18, 5, 9),
        0,
        -33.8688,
        151.2093,
    )
    assert container_meta(
        {"creation_time": "1970-01-01T00:00:00Z", "location": "+00.0000+000.0000/"}
    ) == container_meta({})


def test_counts_say_how_many_are_videos_from_the_kind_column(library: Library) -> None:
    from album.core.records import video_count

    stats = library.store.stats()
    assert (stats.photos, stats.videos) == (15, 2)  # shapes.mp4 and trip.mov; a Live Photo is a photo
    every = library.searcher.search(Query()).hits
    assert video_count(every) == 2
    assert not every._photos._built, "counted from the column, no record built"  # type: ignore[attr-defined]
    ranked = library.searcher.search(Query(text="a photo of a blue square")).hits
    assert video_count(ranked) == sum(h.photo.kind == "video" for h in ranked) >= 1


def _centre(path: Path) -> tuple[int, int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))  # type: ignore[return-value]


def test_a_frame_at_a_second_is_decoded_once_and_cached_beside_the_poster(library: Library, tmp_path: Path) -> None:
    from album.core.pipeline.video_frames import frame_thumbnail

    row, thumbs = library.row("shapes.mp4"), library.indexer.thumbs_dir
    poster = thumbnail_path(thumbs, row["content_hash"])
    red, _g, blue = _centre(poster)
    assert red > blue, "the poster (1 s in) shows the red circle"
    frame = frame_thumbnail(thumbs, row["content_hash"], row["path"], 4.0, 320)
    assert frame is not None and frame.parent == poster.parent and frame != poster
    red, _g, blue = _centre(frame)
    assert blue > red, "the frame at 4 s shows the blue square"
    written = frame.stat().st_mtime_ns
    assert frame_thumbnail(thumbs, row["content_hash"], "/nowhere/shapes.mp4", 4.0, 320) == frame, "from the cache"
    assert frame.stat().st_mtime_ns == written
    (tmp_path / "bad.mp4").write_bytes(b"not a video" * 50)
    assert frame_thumbnail(tmp_path, "feedface", str(tmp_path / "bad.mp4"), 4.0, 320) is None
    assert not list(tmp_path.rglob("*.jpg")), "nothing half-written"
