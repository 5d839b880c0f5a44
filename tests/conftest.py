"""Shared fixtures: an isolated ALBUM_HOME per test, a store, an indexer, a photo folder."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

import pytest
from shared_data import SHARED_MODELS

from album.core.config import IndexSettings, Paths
from album.core.pipeline.indexer import Indexer
from album.core.store.db import Store

os.environ.setdefault("LANCE_LOG", "error")  # as the entry points set it (album.runtime), before LanceDB logs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def album_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "album-home"
    monkeypatch.setenv("ALBUM_HOME", str(home))
    monkeypatch.delenv("ALBUM_MODELS_DIR", raising=False)
    return home


@pytest.fixture
def paths(album_home: Path) -> Paths:
    paths = Paths.from_env()
    paths.ensure()
    return paths


@pytest.fixture
def store(paths: Paths) -> Store:
    return Store(paths.db_dir)


@pytest.fixture
def indexer(store: Store, paths: Paths) -> Indexer:
    return Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=8, workers=2))


@pytest.fixture
def trash_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The desktop Trash's files folder for this test alone. send2trash reads XDG_DATA_HOME once, when first
    imported, so it is read again here: a later test's files would otherwise go to an earlier test's Trash
    (or, had none set it, to the user's own)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    import send2trash.plat_other

    importlib.reload(send2trash.plat_other)
    return tmp_path / "xdg-data" / "Trash" / "files"


@pytest.fixture
def photos_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "Photos"
    folder.mkdir()
    return folder


def run_album(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``python -m album ARGS`` as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "album", *args], capture_output=True, text=True, env=full_env, timeout=300, **kwargs
    )  # type: ignore[call-overload]


def album_in_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``album ARGS`` through the same ``main()`` as :func:`run_album`, in this process: what the command
    printed and its exit code, as a subprocess would give them, without paying ~2 s of Python and LanceDB
    start-up per command. For tests of what a command does; tests of process behaviour (imports, restarts,
    signals, permissions, concurrent processes) keep :func:`run_album`.

    The process-wide set-up the entry point does (umask, root log handler, warnings filters, environment)
    is undone afterwards, so one command leaves nothing behind for the next.
    """
    from album.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level, saved_env = root.handlers[:], root.level, os.environ.copy()
    root.handlers.clear()  # as in a new process: configure_process's basicConfig logs to this stderr
    os.environ.update(env or {})
    umask = os.umask(0o022)
    os.umask(umask)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse, or a command's own one-line exit
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
            except Exception:  # a bug: the traceback and exit code 1, as Python gives them
                traceback.print_exc()
                code = 1
    finally:
        os.umask(umask)
        os.environ.clear()
        os.environ.update(saved_env)
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    return subprocess.CompletedProcess(["album", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def tiny_clip_folder() -> Path:
    """The tiny CLIP model trained on coloured shapes (trained once, then cached; see tinyclip.py)."""
    import tinyclip

    return tinyclip.trained_model()


@pytest.fixture
def models_dir(tiny_clip_folder: Path, album_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A models directory holding the tiny model as ``clip/tiny-shapes`` (in album's model folder
    layout), selected in the settings."""
    import tinyclip

    models = album_home / "models"
    tinyclip.install(models, "tiny-shapes")
    monkeypatch.setenv("ALBUM_MODELS_DIR", str(models))
    monkeypatch.setenv("ALBUM_CLIP_MODEL", "tiny-shapes")
    return models


@pytest.fixture
def face_models(album_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ALBUM_MODELS_DIR at the real face weights in ../shared/models, as a user would."""
    monkeypatch.setenv("ALBUM_MODELS_DIR", str(SHARED_MODELS))
    return SHARED_MODELS
