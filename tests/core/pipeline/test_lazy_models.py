"""A run of the indexer with nothing to do loads no model: the models load when the first photo needs
a step (a new or changed photo, a photo a step has not processed, or a model whose files changed)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from shared_data import SHARED_MODELS, needs_face_data

from album.core.config import IndexSettings, Paths
from album.core.models import layout
from album.core.models.clip import ClipEncoder
from album.core.models.faces import FaceAnalyzer
from album.core.pipeline.indexer import Indexer, IndexReport
from album.core.pipeline.steps.clip import ClipStep
from album.core.pipeline.steps.faces import FaceStep
from album.core.store.db import Store


def photos(folder: Path, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        write_photo(folder / f"IMG_{i:04d}.jpg", Exif(taken=datetime(2021, 1, 1 + i)), image=scene(160, 120, seed=i))


def clip_run(store: Store, paths: Paths, models_dir: Path, folder: Path) -> tuple[ClipEncoder, IndexReport]:
    """One run as a fresh process makes it: a new encoder, not loaded yet."""
    encoder = ClipEncoder(models_dir, "tiny-shapes", allow_download=False)
    indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=4, workers=2), steps=[ClipStep(encoder)])
    return encoder, indexer.run([str(folder)])


def test_nothing_to_do_loads_no_clip_model(store: Store, paths: Paths, models_dir: Path, photos_dir: Path) -> None:
    photos(photos_dir, 3)
    encoder, first = clip_run(store, paths, models_dir, photos_dir)
    assert encoder.loaded and (first.added, first.unavailable) == (3, [])

    encoder, again = clip_run(store, paths, models_dir, photos_dir)
    assert not encoder.loaded
    assert (again.unchanged, again.decoded, again.unavailable) == (3, 0, [])

    photos(photos_dir, 1, start=3)  # a new photo needs the model
    encoder, new = clip_run(store, paths, models_dir, photos_dir)
    assert encoder.loaded and (new.added, new.unchanged) == (1, 3)


def test_a_changed_model_file_loads_the_model(store: Store, paths: Paths, models_dir: Path, photos_dir: Path) -> None:
    """Files replaced under the same name: only loading the model tells whether its vectors still hold."""
    photos(photos_dir, 2)
    clip_run(store, paths, models_dir, photos_dir)
    weights = models_dir / "clip" / "tiny-shapes" / layout.VISUAL_MODEL
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 10**9))
    encoder, report = clip_run(store, paths, models_dir, photos_dir)
    assert encoder.loaded and (report.unchanged, report.refreshed) == (2, 0)  # same weights: nothing to redo
    encoder, report = clip_run(store, paths, models_dir, photos_dir)
    assert not encoder.loaded


def test_photos_a_step_has_not_processed_load_its_model(store: Store, paths: Paths, models_dir: Path,
                                                        photos_dir: Path) -> None:  # fmt: skip
    """Photos indexed without a model (or by another) are pending for it: its first run loads it."""
    photos(photos_dir, 2)
    Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=4, workers=2)).run([str(photos_dir)])
    encoder, report = clip_run(store, paths, models_dir, photos_dir)
    assert encoder.loaded and report.refreshed == 2


@needs_face_data
def test_nothing_to_do_loads_no_face_model(store: Store, paths: Paths, photos_dir: Path) -> None:
    photos(photos_dir, 2)

    def run() -> tuple[FaceAnalyzer, IndexReport]:
        analyzer = FaceAnalyzer(SHARED_MODELS, allow_download=False)
        indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=4, workers=2), steps=[FaceStep(analyzer)])
        return analyzer, indexer.run([str(photos_dir)])

    analyzer, first = run()
    assert analyzer.model_id and (first.added, first.unavailable) == (2, [])
    analyzer, again = run()
    assert analyzer.model_id == "" and again.unchanged == 2  # the id is set by load()
