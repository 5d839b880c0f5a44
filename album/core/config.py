"""Where album keeps its data, and the settings that shape indexing.

All paths come from platformdirs so album behaves like a native app on every OS. Two environment
variables override them: ``ALBUM_HOME`` relocates everything (tests point it at a temp dir) and
``ALBUM_MODELS_DIR`` relocates only the model weights (so a shared folder of weights can be reused).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from album.core.models.registry import DEFAULT_CLIP_MODEL
from album.core.writable import check_writable, disk_full_as_error

log = logging.getLogger(__name__)

APP_NAME = "album"
SHORT_SIDE_SHARE = 9 / 16
"""A reduced decode's short side is at least this share of ``IndexSettings.decode_size``: what a 16:9 photo's
would be, so a tall screenshot or a panorama keeps the short side a model's input is cut from."""


@dataclass(frozen=True)
class Paths:
    """Directories album writes to. None of them is ever inside a user's photo folder."""

    data_dir: Path
    cache_dir: Path
    models_dir: Path

    @property
    def db_dir(self) -> Path:
        return self.data_dir / "library.lancedb"

    @property
    def thumbs_dir(self) -> Path:
        return self.cache_dir / "thumbs"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def from_env(cls) -> Paths:
        """Resolve the directories from the environment, falling back to the platform's defaults."""
        home = os.environ.get("ALBUM_HOME")
        if home:
            base = Path(home).expanduser().resolve()
            data, cache, models = base / "data", base / "cache", base / "models"
        else:
            data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
            cache = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
            models = data / "models"
        models_override = os.environ.get("ALBUM_MODELS_DIR")
        if models_override:
            models = Path(models_override).expanduser().resolve()
        return cls(data_dir=data, cache_dir=cache, models_dir=models)

    def ensure(self) -> None:
        """Create the directories album writes to (never the models dir: it may be read-only), readable
        by this user only: the library holds face embeddings and where photos were taken."""
        for path in (self.data_dir, self.cache_dir, self.thumbs_dir):
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        for path in (self.data_dir, self.cache_dir):
            mode = path.stat().st_mode
            if mode & 0o077:
                try:
                    path.chmod(mode & 0o700)  # the owner's bits stay: a folder made read-only stays so
                except PermissionError:  # not this user's folder: reading it may still work
                    log.warning("cannot make %s private to this user", path)


@dataclass(frozen=True)
class IndexSettings:
    """Knobs of the indexing pipeline, with defaults that suit a 2-core laptop.

    Attributes:
        decode_size: the reduced decode's long side lower bound (its short side's: SHORT_SIDE_SHARE of it); 0 (the
            default) means what the run's steps ask for (CLIP ViT-B/32: 399 px; faces: 1000 px; else the
            thumbnail).
            JPEG draft mode decodes at the smallest 1/2^n scale that is still at least this big, so
            the steps get enough pixels without paying for a full 24 MP decode.
        thumb_size: long side of the cached grid thumbnail.
        max_pixels: images above this many pixels are refused as possible decompression bombs.
        max_file_bytes: files bigger than this are refused before being read into memory.
        max_decode_bytes: memory one decode may take. JPEGs decode reduced (draft mode), so only a
            huge one comes near it; PNG, TIFF, WebP and HEIC decode at full size, so a 9000×9000 PNG
            (243 MB) is the most such a file may be. Above it the file is refused as too large.
        batch_size: photos per database commit; a crash loses at most one batch of work.
        workers: decode threads; Pillow and libjpeg release the GIL, so threads use both cores.
    """

    decode_size: int = 0
    thumb_size: int = 320
    max_pixels: int = 200_000_000
    max_file_bytes: int = 512 * 1024 * 1024
    max_decode_bytes: int = 256 * 1024 * 1024
    batch_size: int = 64
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    use_draft: bool = True


@dataclass
class Settings:
    """The user's choices, saved as JSON in the data directory (window state lives in QSettings).

    ``ALBUM_CLIP_MODEL`` and ``ALBUM_CLIP_BACKEND`` override ``clip_model`` and ``clip_backend`` for one
    process (benchmarks, tests, trying a model).
    """

    clip_model: str = DEFAULT_CLIP_MODEL
    clip_backend: str = "auto"  # CLIP towers: "auto" (int8 where as good as fp32 and faster), "int8", "fp32"
    allow_downloads: bool = True
    # The default face models (insightface buffalo_l) are for non-commercial research only: they download on
    # first use only once the user agreed (the welcome dialog, Settings, `album models download faces`).
    face_licence_accepted: bool = False
    min_tag_probability: float = 0.3  # a zero-shot tag is kept from this probability up
    face_distance: float = 0.0  # largest embedding distance of one person's faces; 0 = the face model's own
    language: str = ""  # user interface: "" follows the system, or "en" / "zh_CN"
    theme: str = "system"  # the window's colours: "system" follows the desktop, or "light" / "dark"
    slideshow_seconds: float = 3.0  # how long the slideshow shows each photo
    online_map: bool = False  # the Places map may fetch OpenStreetMap tiles (album is offline and private by default)
    library_folders: list[str] = field(default_factory=list)

    VERSION = 1

    @classmethod
    def load(cls, paths: Paths) -> Settings:
        settings = cls()
        path = paths.data_dir / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings %s: %s", path, exc)
            data = {}
        if int(data.get("version", cls.VERSION)) > cls.VERSION:
            log.warning("settings %s come from a newer album; using defaults for unknown keys", path)
        for item in fields(cls):
            if item.name in data and isinstance(data[item.name], type(getattr(settings, item.name))):
                setattr(settings, item.name, data[item.name])
        settings.clip_model = os.environ.get("ALBUM_CLIP_MODEL") or settings.clip_model
        settings.clip_backend = os.environ.get("ALBUM_CLIP_BACKEND") or settings.clip_backend
        return settings

    def save(self, paths: Paths) -> None:
        """Write the settings atomically: a crash or a full disk leaves the old settings or the new,
        never half, and no temp file behind.

        Raises:
            DiskFull: the data folder's disk is full.
            ReadOnlyFolder: the data folder is read-only.
        """
        paths.ensure()
        check_writable([paths.data_dir])
        path = paths.data_dir / "settings.json"
        text = json.dumps({"version": self.VERSION, **asdict(self)}, indent=2, ensure_ascii=False)
        with disk_full_as_error(path.parent):
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with open(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
