"""The one door to a photo library: what the CLI, the GUI, benchmarks and tests all work with.

Front ends open a :class:`Library` and call its methods; they never touch the store, the parser,
the models or the pipeline steps themselves, so both front ends get the same answers (the same
parse of the same text, with the library's people and whereabouts) and every write is serialised:
within the process by the store, across processes by the library's writer lock (a second writer
waits with a message, or fails fast with ``wait=False``).

Everything here is cheap to create: models load lazily on first use, the place names load on first
lookup, so opening a library (and starting the app) does not wait for onnxruntime.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from album.core import people as people_ops
from album.core import query_facts
from album.core.config import IndexSettings, Paths, Settings
from album.core.geo import Gazetteer, LibraryPlaces
from album.core.models.hub import DownloadCancelled
from album.core.models.registry import ModelStatus, ModelUnavailable, clip_folder, clip_models, ensure_clip_files
from album.core.models.tags import Tag, display_name, load_vocabulary
from album.core.people_history import PeopleAction, PeopleHistory
from album.core.place_tree import place_tree
from album.core.query import (
    InvalidQuery,
    KnownPerson,
    PlaceFilter,
    Query,
    QueryProblem,
    Source,
    both,
    check_query,
    to_syntax,
    without_sources,
)
from album.core.query_facts import QueryFacts, parse_kept, parse_with_facts, searchable
from album.core.records import (
    Album,
    DuplicateGroup,
    Exposure,
    Face,
    FileError,
    LibraryOverview,
    LibraryStats,
    MetadataSource,
    NamedArea,
    Person,
    Photo,
    PlaceNode,
    SearchResult,
    TrashReport,
)
from album.core.store.lock import LibraryBusy, LockHolder, WaitCancelled
from album.core.writable import DiskFull, ReadOnlyFolder, check_writable, opening

if TYPE_CHECKING:
    import numpy as np

    from album.core.basemap import Basemap, Lines, load_basemap, unproject
    from album.core.explore import ExploreMap
    from album.core.export import ExportOptions, ExportProgress, ExportReport
    from album.core.map_clusters import (
        TILE_PX,
        Circle,
        Clusters,
        MapPoints,
        cluster,
        distances_km,
        enclosing_circle,
        map_data,
    )
    from album.core.map_tiles import ATTRIBUTION, MAX_CONNECTIONS, TileCache, TileKey
    from album.core.models.catalog import ModelFile, ModelOffer, still_missing
    from album.core.models.convert import ConversionFailed, ConverterMissing, ConvertProgress
    from album.core.models.verify import ModelCheck
    from album.core.pipeline.exif import NamedRegion
    from album.core.pipeline.indexer import IndexProgress, IndexReport, KeptFolder, PhotoStep, ProgressCallback
    from album.core.pipeline.media import PhotoError
    from album.core.pipeline.video import VIDEO_EXTRA
    from album.core.store.albums import AlbumExists, AlbumStore
    from album.core.store.db import StoreError
    from album.core.store.faces import FaceStore
    from album.core.timeline import NO_PLACE, Period, Sections, day_columns, empty_sections, sections

# Importing this module must stay cheap: `album parse` needs only the parser and the facts a library kept
# (see query_facts), not the store (pyarrow), the pipeline (Pillow) or the models. The heavy modules are
# imported where a Library uses them, and the names front ends take from here out of them on first use
# (PEP 562), which keeps `album parse` at ~0.3 s instead of ~0.6 s.
_DEFERRED = {
    "AlbumExists": "album.core.store.albums",
    "ExploreMap": "album.core.explore",
    "ExportOptions": "album.core.export",
    "ExportProgress": "album.core.export",
    "ExportReport": "album.core.export",
    "ConversionFailed": "album.core.models.convert",
    "ConverterMissing": "album.core.models.convert",
    "ConvertProgress": "album.core.models.convert",
    "IndexProgress": "album.core.pipeline.indexer",
    "IndexReport": "album.core.pipeline.indexer",
    "KeptFolder": "album.core.pipeline.indexer",
    "ProgressCallback": "album.core.pipeline.indexer",
    "ModelCheck": "album.core.models.verify",
    "ModelFile": "album.core.models.catalog",
    "ModelOffer": "album.core.models.catalog",
    "still_missing": "album.core.models.catalog",
    "PhotoError": "album.core.pipeline.media",
    "StoreError": "album.core.store.db",
    "VIDEO_EXTRA": "album.core.pipeline.video",
    # the Places map: its basemap, clusters and optional tiles
    "Basemap": "album.core.basemap",
    "Lines": "album.core.basemap",
    "load_basemap": "album.core.basemap",
    "unproject": "album.core.basemap",
    "TILE_PX": "album.core.map_clusters",
    "Circle": "album.core.map_clusters",
    "Clusters": "album.core.map_clusters",
    "MapPoints": "album.core.map_clusters",
    "cluster": "album.core.map_clusters",
    "distances_km": "album.core.map_clusters",
    "enclosing_circle": "album.core.map_clusters",
    "map_data": "album.core.map_clusters",
    "ATTRIBUTION": "album.core.map_tiles",
    "MAX_CONNECTIONS": "album.core.map_tiles",
    "TileCache": "album.core.map_tiles",
    "TileKey": "album.core.map_tiles",
    # the grid's timeline: its day or month sections
    "NO_PLACE": "album.core.timeline",
    "Period": "album.core.timeline",
    "Sections": "album.core.timeline",
    "day_columns": "album.core.timeline",
    "empty_sections": "album.core.timeline",
    "sections": "album.core.timeline",
}


def __getattr__(name: str) -> Any:
    """A name of :data:`_DEFERRED`, from its module (imported now, once)."""
    module = _DEFERRED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


log = logging.getLogger(__name__)

WaitCallback = Callable[[LockHolder | None], None]
FACE_DISTANCE_FALLBACK = 0.5  # ArcFace's same-person distance, when no face model says otherwise

# What front ends may use besides Library and album.core.records: the query and progress types, and
# the errors a library call can raise.
__all__ = [
    "ATTRIBUTION",
    "MAX_CONNECTIONS",
    "NO_PLACE",
    "TILE_PX",
    "VIDEO_EXTRA",
    "AlbumExists",
    "Basemap",
    "Circle",
    "Clusters",
    "ConversionFailed",
    "ConverterMissing",
    "DiskFull",
    "DownloadCancelled",
    "ExploreMap",
    "ExportOptions",
    "ExportReport",
    "IndexProgress",
    "IndexReport",
    "IndexSettings",
    "InvalidQuery",
    "KeptFolder",
    "KnownPerson",
    "Library",
    "LibraryBusy",
    "Lines",
    "LockHolder",
    "MapPoints",
    "ModelCheck",
    "ModelFile",
    "ModelOffer",
    "ModelStatus",
    "ModelUnavailable",
    "Paths",
    "PeopleAction",
    "Period",
    "PhotoError",
    "PlaceFilter",
    "Query",
    "QueryProblem",
    "ReadOnlyFolder",
    "Sections",
    "Settings",
    "Source",
    "StoreError",
    "TileCache",
    "TileKey",
    "cluster",
    "day_columns",
    "distances_km",
    "empty_sections",
    "enclosing_circle",
    "load_basemap",
    "map_data",
    "parse_kept",
    "sections",
    "still_missing",
    "unproject",
    "without_sources",
]  # fmt: skip


class Library:
    """The user's photo library: store, models, search, people and indexing.

    Args:
        paths: where the library lives (``Paths.from_env()`` for the user's own).
        settings: the user's choices (loaded from ``paths`` if not given).
        index_settings: the indexing pipeline's knobs (decode size, JPEG draft mode, batch size,
            workers); the defaults suit a 2-core laptop. Benchmarks pass others to compare them.
        warm_search: start :meth:`prepare_search` on a thread at once, while the database opens (a
            command-line text search, which otherwise waits for both one after the other).
    """

    def __init__(
        self,
        paths: Paths,
        settings: Settings | None = None,
        index_settings: IndexSettings | None = None,
        warm_search: bool = False,
    ) -> None:
        from album.core.models.clip import ClipEncoder
        from album.core.models.faces import FaceAnalyzer
        from album.core.search import Searcher
        from album.core.store.db import Store

        self.paths = paths
        self._index_settings = index_settings or IndexSettings()
        self.settings = settings or Settings.load(paths)
        downloads = self.settings.allow_downloads
        self._encoder = ClipEncoder(
            paths.models_dir,
            self.settings.clip_model,
            allow_download=downloads,
            backend=self.settings.clip_backend,
            cache_dir=paths.cache_dir / "clip",
        )
        if warm_search:  # the text tower opens (mostly in C++) while LanceDB imports and opens (Python)
            threading.Thread(target=self.prepare_search, name="album-warm-search", daemon=True).start()
        with opening(paths.data_dir):
            paths.ensure()
            self._store = Store(paths.db_dir)
        face_downloads = downloads and self.settings.face_licence_accepted
        self._analyzer = FaceAnalyzer(paths.models_dir, allow_download=face_downloads,
                                      distance=self.settings.face_distance)  # fmt: skip
        self._gazetteer = Gazetteer(paths.cache_dir)
        self._searcher = Searcher(self._store, self._encoder)
        self._facts: tuple[str, QueryFacts] | None = None  # with the database stamp they are true for
        self._vocabulary: tuple[Tag, ...] | None = None
        self._history = PeopleHistory()  # this session's people edits, to undo
        self._people_lock = threading.Lock()
        self._model_failures: dict[str, str] = {}  # by step ("clip", "faces"): why its model was not usable

    # -- writing ----------------------------------------------------------------------------------
    def _faces(self) -> FaceStore:
        from album.core.store.faces import FaceStore

        return FaceStore(self._store)

    def _has_faces(self) -> bool:
        """Whether the faces tables exist: reading must not create them, which fails on a full disk
        or a read-only library (and a search there must still work)."""
        from album.core.store.faces import FACE_TABLES

        return self._store.table_names() >= FACE_TABLES

    def _writing(
        self, wait: bool = True, on_wait: WaitCallback | None = None, cancel: threading.Event | None = None
    ) -> AbstractContextManager[None]:
        """Hold the library's writer lock (see :class:`~album.core.store.lock.WriterLock`), once
        :meth:`check_writable` found nothing in the way."""
        self.check_writable()
        return self._store.writer_lock.hold(wait, on_wait, cancel)

    def check_writable(self) -> None:
        """Check that album can write its library, thumbnails and settings, before starting work
        that would fail on its first write; the app checks it on opening, to say so at once.

        Raises:
            ReadOnlyFolder: one of album's folders is read-only (searching still works).
            DiskFull: not even an empty file fits on the disk.
        """
        check_writable([self.paths.data_dir, self.paths.db_dir, self.paths.thumbs_dir])

    def index(
        self,
        roots: Iterable[str],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        pause: threading.Event | None = None,
        wait: bool = True,
        prune: bool = False,
    ) -> IndexReport:
        """Index ``roots`` with every available step, then group new faces into people.

        If another process is writing to the library this waits for it (reporting a "waiting"
        phase with who it is) or, with ``wait=False``, raises :class:`~album.core.store.lock.LibraryBusy`.
        A cancel while waiting returns a cancelled, empty report. Photos of a folder that looks
        offline are kept unless ``prune`` (see :meth:`Indexer.run`).

        Raises:
            ReadOnlyFolder: before any work, if album cannot write to its folders.
            DiskFull: the disk filled up; what was indexed so far is kept and a re-run resumes.
        """
        from album.core.pipeline.indexer import IndexProgress, IndexReport

        report_progress = progress or (lambda _p: None)

        def waiting(holder: LockHolder | None) -> None:
            report_progress(IndexProgress("waiting", 0, 0, holder.describe() if holder else None))

        cancel = cancel or threading.Event()
        try:
            with self._writing(wait, waiting, cancel):
                return self._index_locked(list(roots), report_progress, cancel, pause, prune)
        except WaitCancelled:
            return IndexReport(cancelled=True)

    def _index_locked(
        self,
        roots: list[str],
        progress: ProgressCallback,
        cancel: threading.Event,
        pause: threading.Event | None,
        prune: bool,
    ) -> IndexReport:
        from album.core.pipeline.indexer import Indexer
        from album.core.pipeline.steps.clip import ClipStep
        from album.core.pipeline.steps.faces import FaceStep
        from album.core.regions import name_regions

        face_step = FaceStep(self._analyzer)
        clip_step = ClipStep(self._encoder, self._model_vocabulary(), self.settings.min_tag_probability)
        steps: list[PhotoStep] = [clip_step, face_step]
        exclude = [str(self.paths.data_dir), str(self.paths.cache_dir)]

        def on_regions(regions: dict[str, tuple[NamedRegion, ...]]) -> None:
            if face_step.faces is not None:
                name_regions(face_step.faces, regions)

        indexer = Indexer(
            self._store, self.paths.thumbs_dir, self._index_settings, exclude, steps, self._gazetteer, on_regions
        )
        report = indexer.run(roots, progress=progress, cancel=cancel, pause=pause, prune=prune)
        self._note_model_failures(report, steps)
        if face_step.faces is not None and not report.cancelled:
            clustered = people_ops.cluster(face_step.faces, self._analyzer.same_person_distance)
            if clustered.joined or clustered.new_people:
                self._history.clear()  # an undo would now take faces off the people they just joined
        self.query_facts()  # kept for the next `album parse`, which then need not open the database
        return report

    def _note_model_failures(self, report: IndexReport, steps: Sequence[PhotoStep]) -> None:
        """Remember why a step's model was unusable in this run (its ``unavailable`` line, which the
        indexer starts with the step's name), or that it worked, for :meth:`models` to show."""
        for step in steps:
            prefix = f"{step.name}: "
            sentence = next((u.removeprefix(prefix) for u in report.unavailable if u.startswith(prefix)), None)
            if sentence is not None:
                self._model_failures[step.name] = sentence
            elif not report.cancelled:  # a cancelled run may have stopped before the model ran at all
                self._model_failures.pop(step.name, None)

    def lock_holder(self) -> LockHolder | None:
        """Who is writing to the library (or last did), as the writer lock records it."""
        return self._store.writer_lock.holder()

    def add_folders(self, folders: Sequence[str]) -> list[str]:
        """Remember folders as part of the library (saved in the settings); returns the new ones."""
        known = self.settings.library_folders
        added = [f for f in dict.fromkeys(folders) if f not in known and os.path.isdir(f)]
        if added:
            self.settings.library_folders = known + added
            self.settings.save(self.paths)
        return added

    def forget_folder(self, folder: str) -> int:
        """Take a folder's photos and faces out of the library (the files stay); returns how many."""
        with self._writing():
            ids = self._store.photo_ids_under(folder)
            self._store.delete_photos(ids)
        return len(ids)

    # -- searching --------------------------------------------------------------------------------
    def known_people(self) -> list[KnownPerson]:
        return people_ops.known_people(self._faces()) if self._has_faces() else []

    def _model_vocabulary(self) -> tuple[Tag, ...]:
        """The zero-shot labels of the library's CLIP model (its own, or album's), read once."""
        if self._vocabulary is None:
            self._vocabulary = load_vocabulary(clip_folder(self.paths.models_dir, self._encoder.key))
        return self._vocabulary

    def vocabulary(self) -> tuple[Tag, ...]:
        """The tags photos can carry and searches can name: the model's labels but the background one."""
        return searchable(self._model_vocabulary())

    def parse(
        self, text: str, known: Sequence[KnownPerson] | None = None, today: date | None = None, places: bool = True
    ) -> Query:
        """The search box's text as a Query, with this library's people and whereabouts.

        Raises:
            InvalidQuery: the text is longer than a search can be, or not valid Unicode.

        Args:
            known: the people to recognise, if the caller has them already (the search bar parses
                on every keystroke) or wants others (``album parse --people``); else the library's.
            today: the day relative dates count from (today by default).
            places: False to leave place names as text until :meth:`load_place_names` has run
                (the GUI parses on its own thread, and the very first run builds the place table: seconds).
        """
        return parse_with_facts(text, self.query_facts(), known, today, self._gazetteer if places else None,
                                self.vocabulary())  # fmt: skip

    def query_facts(self) -> QueryFacts:
        """The library's named people and whereabouts, as the parser reads a search against them: read from
        the store only when a table changed since they were last kept (by this or another process), and then
        kept again for the next (see :mod:`album.core.query_facts`)."""
        stamp = query_facts.database_stamp(self.paths.db_dir)
        if self._facts is not None and self._facts[0] == stamp:
            return self._facts[1]
        path = self.paths.cache_dir / query_facts.FILE_NAME
        facts = query_facts.load(path, stamp)
        if facts is None:
            facts = QueryFacts(tuple(self.known_people()), self._store.center(), self._library_places(),
                               *self._store.written_names())
            query_facts.save(path, stamp, facts)
        self._facts = (stamp, facts)
        return facts

    def _library_places(self) -> LibraryPlaces:
        """Where the library's photos are, place by place: a place name in a search means the place the
        user's own photos are in first ("in Porto" with photos from Porto)."""
        named = self._store.named_places()
        countries = {c for _p, _r, c, _lat, _lon in named if c}
        areas = frozenset({(c, r) for _p, r, c, _lat, _lon in named if c} | {(c, None) for c in countries})
        return LibraryPlaces(tuple((lat, lon) for *_, lat, lon in named), areas)

    def map_points(self) -> MapPoints:
        """Every photo with a position, for the map (a scan of the photos table: call it off the GUI thread)."""
        from album.core.map_clusters import MapPoints

        table = self._store.geotagged()
        return MapPoints(
            ids=table.column("id").to_numpy(zero_copy_only=False).astype(str),
            lat=table.column("lat").to_numpy(zero_copy_only=False).astype("float64"),
            lon=table.column("lon").to_numpy(zero_copy_only=False).astype("float64"),
            hashes=table.column("content_hash").fill_null("").to_numpy(zero_copy_only=False).astype(str),
        )

    @property
    def places_loaded(self) -> bool:
        return self._gazetteer.loaded

    def to_syntax(self, query: Query) -> str:
        """``query`` in the explicit search syntax (``person:Anna after:2023-06-01 beach``)."""
        return to_syntax(query, self.vocabulary())

    def check(self, query: Query) -> None:
        """What :meth:`search` would refuse, said at once without searching (the search bar checks as
        the user types, so the sentence shows under the box before any search runs).

        Raises:
            InvalidQuery: the query cannot mean anything; its ``problem`` says why.
        """
        check_query(query)

    def search(self, query: Query, limit: int | None = None) -> SearchResult:
        """Photos matching every filter of ``query``, ranked by its text when it has one.

        Raises:
            InvalidQuery: one sentence, if the query cannot mean anything (an infinite radius, year 9999).
        """
        check_query(query)
        ordered = self._album_order(query)
        if ordered is not None:  # one manual album and nothing else: its photos in the album's order
            from album.core.search import UnrankedHits

            return SearchResult(UnrankedHits(ordered if limit is None else ordered[: _checked_limit(limit)], ()))
        result = self._searcher.search(self._in_albums(query), _checked_limit(limit))
        if result.notice:  # the CLIP model failed on the text; the next index run says if it works again
            self._model_failures["clip"] = result.notice
        if not result.hits:
            result.overview = self.overview()
        return result

    def overview(self, limit: int = LibraryOverview.LIMIT) -> LibraryOverview:
        """The library's commonest places, years and named people: what to suggest when a search
        finds nothing ("No photos in Tokyo. Your photos are from: Lisbon, Porto, …")."""
        places, years, count = self._store.overview(limit)
        named = [p for p in self.people(include_hidden=False) if p.name] if self._has_faces() else []
        named.sort(key=lambda p: (-p.photo_count, (p.name or "").casefold()))
        return LibraryOverview(tuple(places), tuple(years), tuple(p.name or "" for p in named[:limit]), count)

    def place_tree(self, chinese: bool = False) -> list[PlaceNode]:
        """The library's countries, their regions and towns, each with its number of photos, commonest first
        (``chinese``: names in Chinese where known, which opens the place table: call it off the GUI thread)."""
        return place_tree(self._store.place_counts(), self._gazetteer, chinese)

    def similar(self, photo: str | np.ndarray, query: Query | None = None, limit: int | None = None) -> SearchResult:
        """Photos like ``photo`` (a path in or outside the library, or a vector), the photo itself first."""
        if query is not None:
            check_query(query)
            query = self._in_albums(query)
        return self._searcher.similar(photo, query, _checked_limit(limit))

    # -- duplicates and the trash -----------------------------------------------------------------
    def duplicates(self, exact_only: bool = False) -> list[DuplicateGroup]:
        """Groups of copies and bursts not reviewed yet, the copy to keep first (see core/store/duplicates.py)."""
        from album.core.store.duplicates import find_duplicates

        return find_duplicates(self._store, exact_only)

    def keep_duplicate(self, group: DuplicateGroup, keep_id: str) -> None:
        """Keep one photo of a group and set the others aside: hidden from the photos, the files untouched."""
        with self._writing():
            self._store.set_duplicate_review([keep_id], "kept")
            self._store.set_duplicate_review([p.id for p in group.photos if p.id != keep_id], "extra")

    def not_duplicates(self, group: DuplicateGroup) -> None:
        """Remember that a group's photos are not copies of each other: it is not suggested again."""
        with self._writing():
            self._store.set_duplicate_review([p.id for p in group.photos], "distinct")

    def trash(self, photos: Sequence[Photo]) -> TrashReport:
        """Move photos' files to the system trash (only ever on the user's explicit request) and forget them."""
        from album.core.trash import trash_photos

        with self._writing():
            return trash_photos(self._store, photos)

    # -- favourites, ratings, albums ---------------------------------------------------------------
    def _albums(self) -> AlbumStore:
        from album.core.store.albums import AlbumStore

        return AlbumStore(self._store)

    def _in_albums(self, query: Query, seen: frozenset[str] = frozenset()) -> Query:
        """``query`` with its album names resolved: a manual album becomes an id the store filters on, a
        smart album's saved search is applied inside it (once: a smart album naming itself ends there).
        An album name the library does not have matches no photo."""
        resolved = dataclasses.replace(query, albums=(), album_ids=query.album_ids)
        for name in query.albums:
            album = self._albums().named(name)
            if album is None:
                resolved = dataclasses.replace(resolved, album_ids=(*resolved.album_ids, f"?{name}"))
            elif album.query is None:
                resolved = dataclasses.replace(resolved, album_ids=(*resolved.album_ids, album.id))
            elif album.id not in seen:
                saved = self._in_albums(self.parse(album.query), seen | {album.id})
                resolved = both(resolved, saved)
        return dataclasses.replace(resolved, albums=query.albums)

    def _album_order(self, query: Query) -> Sequence[Photo] | None:
        """The photos of the manual album that is all ``query`` asks for (``album:"Trip to Japan"``), in
        the album's order; None for any other query."""
        if len(query.albums) != 1 or query != Query(albums=query.albums):
            return None
        album = self._albums().named(query.albums[0])
        return self._albums().album_photos(album.id) if album is not None and album.query is None else None

    def set_favourite(self, photo_ids: Sequence[str], favourite: bool = True) -> None:
        """Mark photos as favourites (or not): in the library only, never in the files."""
        with self._writing():
            self._albums().set_favourite(photo_ids, favourite)

    def rate(self, photo_ids: Sequence[str], stars: int | None) -> None:
        """Give photos 0–5 stars in album (None: show each file's own rating again)."""
        with self._writing():
            self._albums().set_user_rating(photo_ids, stars)

    def albums(self) -> list[Album]:
        """Every album by name, with its photo count and cover (a smart album's are what it finds now)."""
        albums = []
        for album in self._albums().albums():
            if album.query is None:
                first = album.cover_id or next(iter(self._albums().photo_ids(album.id)), None)
                covers = self._albums().photos([first]) if first else []
                albums.append(dataclasses.replace(album, cover=covers[0] if covers else None))
            else:
                photos = self.album_photos(album)
                videos = sum(photo.kind == "video" for photo in photos)
                albums.append(dataclasses.replace(album, photo_count=len(photos), video_count=videos,
                                                  cover=photos[0] if photos else None))  # fmt: skip
        return albums

    def album_named(self, name: str) -> Album | None:
        return self._albums().named(name)

    def album_names(self) -> dict[str, str]:
        """Album names by id (what ``Photo.to_json`` names a photo's albums with)."""
        return {a.id: a.name for a in self._albums().albums(counted=False)}

    def album_photos(self, album: Album) -> Sequence[Photo]:
        """A manual album's photos in its order; a smart album's, what its search finds now."""
        if album.query is not None:
            return [hit.photo for hit in self.search(self.parse(album.query)).hits]
        return self._albums().album_photos(album.id)

    def create_album(self, name: str, query: str | None = None) -> Album:
        """A new manual album, or a smart one for the search text ``query``.

        Raises:
            AlbumExists: another album has this name.
            InvalidQuery: ``query`` cannot be a search.
        """
        if query is not None:
            check_query(self.parse(query))
        with self._writing():
            return self._albums().create(name, query)

    def add_to_album(self, album_id: str, photo_ids: Sequence[str]) -> int:
        """Append photos to a manual album; returns how many were not in it yet."""
        with self._writing():
            return self._albums().add(album_id, photo_ids)

    def remove_from_album(self, album_id: str, photo_ids: Sequence[str]) -> None:
        with self._writing():
            self._albums().remove(album_id, photo_ids)

    def reorder_album(self, album_id: str, photo_ids: Sequence[str]) -> None:
        with self._writing():
            self._albums().reorder(album_id, photo_ids)

    def set_album_cover(self, album_id: str, photo_id: str | None) -> None:
        with self._writing():
            self._albums().set_cover(album_id, photo_id)

    def rename_album(self, album_id: str, name: str) -> None:
        with self._writing():
            self._albums().rename(album_id, name)

    def delete_album(self, album_id: str) -> None:
        """Remove an album; its photos stay in the library (and in their folders)."""
        with self._writing():
            self._albums().delete(album_id)

    def export(
        self,
        photos: Sequence[Photo],
        dest: Path,
        options: ExportOptions | None = None,
        progress: ExportProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> ExportReport:
        """Copy photos (originals, or resized JPEGs with or without metadata) into ``dest``; see
        :mod:`album.core.export`. Only ``dest`` is written to."""
        items = [(p.path, p.format) for p in photos]
        from album.core.export import ExportOptions, export_photos

        return export_photos(items, dest, options or ExportOptions(), progress, cancel)

    def photo(self, path: str) -> Photo | None:
        return self._store.photo_by_path(path)

    def metadata_sources(self, path: str) -> list[MetadataSource]:
        """What every source of the photo's metadata says (EXIF, XMP, sidecars, takeout, maker notes),
        read now from the file and its sidecars; album keeps only the merged values."""
        from album.core.pipeline.metadata import sources_of

        readings = sources_of(path, self._index_settings.max_file_bytes)
        return [MetadataSource(r.source, r.origin, r.said()) for r in readings]

    def named_areas(self, photo: Photo) -> list[NamedArea]:
        """The people other apps named on ``photo`` (face regions, takeout people), as read at indexing."""
        return [NamedArea(name, box) for name, box in self._store.named_regions(photo.id)]

    def exposure(self, photo: Photo) -> Exposure:
        """Focal length, aperture, shutter and ISO, read from the photo's file (not stored; empty if the file
        cannot be read). Reads the file: call it off the GUI thread."""
        from album.core.pipeline.exif import read_exposure

        return read_exposure(photo.path)

    @staticmethod
    def motion_clip(photo: Photo) -> str | None:
        """A Live Photo's motion clip, found next to its still by the rule the scan paired them with (None for
        any other photo, or when the clip is gone). Lists the still's folder: call it off the GUI thread."""
        from album.core.pipeline.scan import motion_clip

        return motion_clip(photo.path) if photo.kind == "live" else None

    def thumbnail(self, photo: Photo) -> Path:
        """Where the photo's cached thumbnail is (it may not exist for a photo that failed to decode)."""
        from album.core.pipeline.media import thumbnail_path

        return thumbnail_path(self.paths.thumbs_dir, photo.content_hash or "")

    def video_frame(self, photo: Photo, second: float) -> Path | None:
        """A thumbnail of the video's frame at ``second`` (a search hit's matched second), decoded and cached
        on first need, so call it off the GUI thread; None if it cannot be decoded (show the poster)."""
        from album.core.pipeline.video_frames import frame_thumbnail

        if photo.kind != "video" or not photo.content_hash:
            return None
        return frame_thumbnail(self.paths.thumbs_dir, photo.content_hash, photo.path, second,
                               self._index_settings.thumb_size)  # fmt: skip

    def suggestions(self) -> list[str]:
        """Words the search box completes: the library's people, places and tags (English and Chinese; a
        place's Chinese name from the place table, which this opens: call it off the GUI thread), and the
        cameras and keywords (the user's own tags from other apps) its photos carry."""
        names = [p.name for p in self.known_people()]
        places = self._store.distinct_places()
        places |= {zh for place in places if (zh := self._gazetteer.chinese_name(place))}
        present = {tag for tag, _count in self._store.tag_counts()}
        tags = [name for tag in self.vocabulary() if tag.key in present for name in (tag.en, tag.zh)]
        cameras, keywords = self._store.written_names()
        return sorted({*names, *places, *tags, *cameras, *keywords}, key=str.casefold)

    def tag_counts(self) -> list[tuple[str, int]]:
        return self._store.tag_counts()

    def tag_name(self, key: str, chinese: bool = False) -> str:
        return display_name(key, chinese)

    def place_names(self, photo: Photo, chinese: bool = False) -> list[str]:
        """The photo's place, region and country, in Chinese for a Chinese UI where names are known."""
        if chinese and self._gazetteer.loaded:  # never build the place table just to show one photo
            return self._gazetteer.display_names(photo.place, photo.region, photo.country, chinese=True)
        return [n for n in (photo.place, None if photo.region == photo.place else photo.region, photo.country) if n]

    def load_place_names(self) -> None:
        """Open the place table now (building it on the very first run, seconds) rather than on the first
        search that names a place."""
        self._gazetteer.load()

    def prepare_search(self) -> bool:
        """Open the CLIP text tower now (the app does it in the background once its window is painted),
        so the first text search does not wait for it; returns whether it is ready.

        Only an installed model is loaded: starting the app never downloads one (the first search or
        index still may, as the settings allow).
        """
        key = self._encoder.key
        if not any(s.name == key and s.installed for s in clip_models(self.paths.models_dir)):
            return False
        try:
            self._encoder.open_text_tower()
        except ModelUnavailable as exc:  # damaged files: the search that needs it says so
            log.info("CLIP model %s not loaded ahead of searches: %s", key, exc)
            return False
        return True

    @property
    def search_ready(self) -> bool:
        """Whether text searches run without first opening the CLIP text tower."""
        return self._encoder.text_ready

    # -- people -----------------------------------------------------------------------------------
    def people(self, include_hidden: bool = True, with_faces: bool = False, with_covers: bool = False) -> list[Person]:
        """Named people first (by name), then unnamed groups (biggest first)."""
        if not self._has_faces():
            return []
        people = people_ops.list_people(self._faces(), include_hidden, with_faces)
        if with_faces:
            paths = self._store.paths_by_id()
            people = [
                dataclasses.replace(p, faces=tuple(dataclasses.replace(f, photo_path=paths.get(f.photo_id))
                                                   for f in p.faces))
                for p in people
            ]  # fmt: skip
        if with_covers:
            covers = self._faces().thumbs([p.cover_face_id for p in people if p.cover_face_id])
            people = [dataclasses.replace(p, cover_thumb=covers.get(p.cover_face_id or "")) for p in people]
        return people

    def faces_in_photo(self, photo_id: str) -> list[Face]:
        return people_ops.faces_in_photo(self._faces(), photo_id) if self._has_faces() else []

    def faces_for_review(self, person_id: str) -> list[tuple[Face, float]]:
        """A person's faces with their distance from the person's mean face, least like the rest first."""
        return people_ops.faces_for_review(self._faces(), person_id) if self._has_faces() else []

    @contextmanager
    def _editing_people(self) -> Iterator[FaceStore]:
        """Hold the writer lock, and take people edits one at a time: an edit's recorded state must
        not include half of another edit running in another worker."""
        with self._writing(), self._people_lock:
            yield self._faces()

    def name_person(self, person_id: str, name: str) -> None:
        with self._editing_people() as faces:
            people_ops.name_person(faces, person_id, name, self._history)

    def name_face(self, face_id: str, name: str) -> str:
        """The user says this face is ``name``; returns the person it is on now."""
        with self._editing_people() as faces:
            return people_ops.name_face(faces, face_id, name, self._history)

    def merge_people(self, target: str, sources: Sequence[str]) -> None:
        with self._editing_people() as faces:
            people_ops.merge_people(faces, target, sources, self._history)

    def move_faces(self, face_ids: Sequence[str], person_id: str | None = None) -> str:
        """Put faces on a person (a new one if None: a split); returns the person's id."""
        with self._editing_people() as faces:
            return people_ops.move_faces(faces, face_ids, person_id, self._history)

    def not_this_person(self, face_ids: Sequence[str]) -> None:
        """Take faces off their person for good; they join whom they look like, or new unnamed people."""
        distance = self._face_distance()
        with self._editing_people() as faces:
            people_ops.not_this_person(faces, face_ids, distance, self._history)

    def hide_person(self, person_id: str, hidden: bool = True) -> None:
        self.hide_people([person_id], hidden)

    def hide_people(self, person_ids: Sequence[str], hidden: bool = True) -> None:
        """Hide (or show again) people in the people list, as one edit."""
        with self._editing_people() as faces:
            people_ops.hide_people(faces, person_ids, hidden, self._history)

    def set_me(self, person_id: str) -> None:
        with self._editing_people() as faces:
            people_ops.set_me(faces, person_id, self._history)

    def undo_people_edit(self) -> PeopleAction | None:
        """Undo the last people edit of this session in the library; returns what it was, or None."""
        with self._editing_people() as faces:
            return self._history.undo(faces)

    def redo_people_edit(self) -> PeopleAction | None:
        """Do the last undone people edit again; returns what it was, or None."""
        with self._editing_people() as faces:
            return self._history.redo(faces)

    @property
    def people_undo(self) -> tuple[PeopleAction | None, PeopleAction | None]:
        """What :meth:`undo_people_edit` and :meth:`redo_people_edit` would do (None: nothing)."""
        return self._history.undo_action, self._history.redo_action

    def _face_distance(self) -> float:
        """The face recogniser's same-person distance (the setting's, if the models cannot load)."""
        try:
            self._analyzer.load()
        except ModelUnavailable:
            return self.settings.face_distance or FACE_DISTANCE_FALLBACK
        return self._analyzer.same_person_distance

    def cluster_faces(self) -> people_ops.ClusterReport:
        """Group the faces that wait for a person (normally done at the end of indexing)."""
        self._analyzer.load()
        with self._writing():
            return people_ops.cluster(self._faces(), self._analyzer.same_person_distance)

    # -- explore ----------------------------------------------------------------------------------
    def explore(self, method: str = "auto", progress: Callable[[int, int], None] | None = None,
                cancel: threading.Event | None = None) -> ExploreMap:  # fmt: skip
        """The photos laid out in 2-D by what they show, in named regions (:mod:`album.core.explore`), from the
        vectors of the model the library was last indexed with. Takes seconds to minutes: call it off the GUI
        thread (``progress(done, total)``, ``cancel`` checked between steps)."""
        from album.core import explore
        from album.core.store.explore_rows import read_rows

        step = self._store.step_model("clip")
        model_id = step[1] if step is not None else ""
        tags = {tag.key: tag for tag in self._model_vocabulary()}

        def place_zh(place: str) -> str:
            loaded = self._gazetteer.loaded  # never build the place table just to name a region
            return (self._gazetteer.display_names(place, None, None, chinese=True) or [place])[0] if loaded else place

        return explore.explore_map(
            read_rows(self._store, model_id), model_id, self.paths.cache_dir,
            lambda key: tags[key].en if key in tags else display_name(key),
            lambda key: tags[key].zh if key in tags else display_name(key, chinese=True),
            place_zh, method, progress, cancel,
        )  # fmt: skip

    def photos_with_ids(self, photo_ids: Sequence[str]) -> list[Photo]:
        """The library's photos with these ids, in the order given (e.g. a region chosen on the map)."""
        return self._albums().photos(photo_ids)

    # -- the library as a whole -------------------------------------------------------------------
    def errors(self) -> list[FileError]:
        return self._store.list_errors()

    def stats(self) -> LibraryStats:
        return self._store.stats()

    def models(self) -> list[ModelStatus]:
        """Every CLIP model album knows or finds in the models folder, and the face models.

        An installed model this library uses carries the sentence of its last failure (``failure``),
        if loading or running it failed in this process's last index run or search.
        """
        clip = [
            dataclasses.replace(s, failure=self._model_failures.get("clip"))
            if s.installed and s.name == self._encoder.key else s
            for s in clip_models(self.paths.models_dir)
        ]  # fmt: skip
        from album.core.models.faces import face_models

        faces = face_models(self.paths.models_dir)
        if faces.installed:
            faces = dataclasses.replace(faces, failure=self._model_failures.get("faces"))
        return [*clip, faces]

    # -- model downloads --------------------------------------------------------------------------
    def model_size(self, status: ModelStatus) -> int | None:
        """Bytes a model takes on disk when installed, else about how much its download is (None: unknown)."""
        from album.core.models import catalog

        return catalog.folder_size(status.folder) if status.installed else catalog.APPROX_SIZE.get(status.name)

    def model_offers(self, exact: bool = False) -> list[ModelOffer]:
        """The models album offers to download (the selected CLIP model, the face pack): what each
        gives, its files, size and licence, as the first-run dialog and ``album models download`` show.

        Args:
            exact: read each missing file's size from the hub (network); else sizes are estimates.

        Raises:
            OSError: ``exact`` and the hub cannot be reached or listed (offline).
        """
        from album.core.models import catalog

        found = catalog.offers(self.paths.models_dir, self.settings.clip_model)
        return catalog.with_hub_sizes(found) if exact else found

    def download_model(
        self,
        kind: str,
        name: str | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        """Fetch a model's files now, as the first-run dialog or the settings dialog ask, instead of on
        first use. An explicit request downloads even when the settings switch downloads on first use off.

        Args:
            kind: ``"clip"`` or ``"faces"``, as :meth:`models` reports them.
            name: which CLIP model (the selected one if None), or which face pack (``buffalo_l`` if None;
                ``opencv_yunet_sface`` for the licence-clean pair).
            progress: ``(file name, bytes done, bytes total)`` as the files arrive.
            cancel: set to stop between blocks; the bytes that arrived are kept and the next call resumes.

        The default face pack's licence restricts its use: a front end asks the user before asking for
        it, and the answer is remembered (``Settings.face_licence_accepted``), so it also downloads on
        first use from then on.

        Raises:
            ModelUnavailable: the files could not be downloaded (offline, or a model album cannot fetch).
            DownloadCancelled: ``cancel`` was set.
        """
        if kind == "clip":
            ensure_clip_files(self.paths.models_dir, name or self.settings.clip_model, True, progress, cancel)
        elif kind == "faces":
            from album.core.models.faces import PACK, PACKS, ensure_face_models

            pack = PACKS[name or PACK]
            ensure_face_models(self.paths.models_dir, True, progress, cancel, pack.name)
            if pack.opt_in:
                self._face_licence_accepted()
        else:
            raise ValueError(f"unknown kind of model: {kind!r} (expected 'clip' or 'faces')")

    def _face_licence_accepted(self) -> None:
        """An explicit face download means the front end asked for the licence: remember the answer."""
        if self.settings.face_licence_accepted:
            return
        self.settings.face_licence_accepted = True
        try:
            self.settings.save(self.paths)
        except (ReadOnlyFolder, DiskFull) as exc:  # kept for this session
            log.warning("cannot save that the face models' licence was accepted: %s", exc)

    def remove_model(self, name: str) -> Path:
        """Delete an installed model's folder (``name``: a CLIP model, ``faces`` or the face pack's name);
        album then works without it, or downloads it again when asked.

        Returns:
            The folder removed.

        Raises:
            ValueError: no installed model is called ``name``.
        """
        from album.core.models import catalog

        for status in self.models():
            if status.installed and name in (status.name, status.kind if status.kind == "faces" else ""):
                catalog.remove(status.folder, self.paths.models_dir)
                return status.folder
        for offer in self.model_offers():  # a face pack installed but not in use (the other one is)
            if offer.kind == "faces" and offer.installed and offer.name == name:
                catalog.remove(offer.folder, self.paths.models_dir)
                return offer.folder
        raise ValueError(f"no installed model called {name!r} (see `album models`)")

    def verify_models(
        self, name: str | None = None, repair: bool = False, progress: Callable[[str, int, int], None] | None = None
    ) -> list[ModelCheck]:
        """Re-hash every installed model's files (or those of model or kind ``name``) against the
        manifest written when they were verified and, when the hub answers, against its listing.

        Args:
            repair: download broken and missing files again (those whose source album knows).
            progress: ``(file name, bytes done, bytes total)`` while repairing.
        """
        from album.core.models.verify import verify_models

        return verify_models(self.paths.models_dir, name, repair, progress)

    def convert_model(self, source: str, name: str | None = None, progress: ConvertProgress | None = None) -> Path:
        """Convert an open_clip model into a CLIP model folder under the models directory (see
        :mod:`album.core.models.convert`); it then shows in :meth:`models` under its name.

        Args:
            source: an open_clip model folder, ``ARCH:PRETRAINED_TAG`` or ``hf-hub:ORG/REPO``.
            name: the new model's name (from ``source`` if None).
            progress: told each step as it starts.

        Raises:
            ConverterMissing: torch or open_clip is not installed (the ``album[convert]`` extra).
            ConversionFailed: the source cannot be loaded, exported, or its conversion does not match it.
        """
        from album.core.models.convert import convert

        return convert(source, self.paths.models_dir, name, progress)


def _checked_limit(limit: int | None) -> int | None:
    if limit is not None and limit < 1:
        raise InvalidQuery(QueryProblem.LIMIT)
    return limit

