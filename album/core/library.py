"""One library with all its services wired together: what the CLI and the GUI both work with.

Everything here is cheap to create: models load lazily on first use, the place names load on first
lookup, so opening a library (and starting the app) does not wait for torch or onnxruntime.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from album.core import people as people_ops
from album.core.config import IndexSettings, Paths, Settings
from album.core.geo import Gazetteer
from album.core.models.clip import ClipEncoder
from album.core.models.faces import FaceAnalyzer
from album.core.models.tags import VOCABULARY
from album.core.pipeline.indexer import Indexer, IndexReport, PhotoStep, ProgressCallback
from album.core.pipeline.steps.clip import ClipStep
from album.core.pipeline.steps.faces import FaceStep
from album.core.query import Query, parse_query
from album.core.search import Searcher
from album.core.store.db import Store
from album.core.store.faces import FaceStore


class Library:
    """The user's photo library: store, models, search and indexing.

    Args:
        paths: where the library lives (``Paths.from_env()`` for the user's own).
        settings: the user's choices (loaded from ``paths`` if not given).
    """

    def __init__(self, paths: Paths, settings: Settings | None = None) -> None:
        self.paths = paths
        self.settings = settings or Settings.load(paths)
        paths.ensure()
        self.store = Store(paths.db_dir)
        downloads = self.settings.allow_downloads
        self.encoder = ClipEncoder(
            paths.models_dir,
            self.settings.clip_model,
            allow_download=downloads,
            backend=self.settings.clip_backend,
            onnx_cache=paths.cache_dir / "clip-onnx",
        )
        self.analyzer = FaceAnalyzer(paths.models_dir, allow_download=downloads, distance=self.settings.face_distance)
        self.gazetteer = Gazetteer()
        self.searcher = Searcher(self.store, self.encoder)

    def faces(self) -> FaceStore:
        return FaceStore(self.store)

    def index(
        self,
        roots: Iterable[str],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        pause: threading.Event | None = None,
    ) -> IndexReport:
        """Index ``roots`` with every available step, then group new faces into people."""
        face_step = FaceStep(self.analyzer)
        steps: list[PhotoStep] = [ClipStep(self.encoder, self.settings.min_tag_probability), face_step]
        exclude = [str(self.paths.data_dir), str(self.paths.cache_dir)]
        indexer = Indexer(self.store, self.paths.thumbs_dir, IndexSettings(), exclude, steps, self.gazetteer)
        report = indexer.run(roots, progress=progress, cancel=cancel, pause=pause)
        if face_step.faces is not None and not report.cancelled:
            people_ops.cluster(face_step.faces, self.analyzer.same_person_distance)
        return report

    def forget_folder(self, folder: str) -> int:
        """Take a folder's photos and faces out of the database (the files stay); returns how many."""
        ids = self.store.photo_ids_under(folder)
        self.store.delete_photos(ids)
        return len(ids)

    def suggestions(self) -> list[str]:
        """Words the search box completes: the library's people, places and tags (English and Chinese)."""
        names = [p.name for p in people_ops.known_people(self.faces())]
        places = self.store.distinct(["place", "region", "country"])
        present = {tag for tag, _count in self.store.tag_counts()}
        tags = [name for tag in VOCABULARY if tag.key in present for name in (tag.en, tag.zh)]
        return sorted({*names, *places, *tags}, key=str.casefold)

    def parse(self, text: str) -> Query:
        """The search box's text as a Query, with this library's people and whereabouts."""
        if not text.strip():
            return Query()
        known = people_ops.known_people(self.faces())
        return parse_query(text, known, gazetteer=self.gazetteer, library_center=self.store.center())
