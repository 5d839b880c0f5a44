"""Videos without the extra ``album[video]``: found, counted, said, and left for a run that has PyAV."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import album_in_process
from photofactory import write_photo
from videofactory import write_video

WITHOUT_PYAV = "import sys\nsys.modules['av'] = None\nfrom album.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"


def index_without_pyav(folder: Path) -> dict:  # type: ignore[type-arg]
    """``album index FOLDER --json`` in a process where PyAV cannot be imported, as after ``pip install album``."""
    done = subprocess.run([sys.executable, "-c", WITHOUT_PYAV, "index", str(folder), "--json"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[0])  # type: ignore[no-any-return]


def counts() -> tuple[int, int]:
    """(items, of them videos) in the library, as ``album stats`` counts them."""
    done = album_in_process("stats", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    return stats["photos"], stats["videos"]


def test_videos_wait_for_video_support_and_are_indexed_once_it_is_there(album_home: Path, photos_dir: Path) -> None:
    write_photo(photos_dir / "beach.jpg")
    write_video(photos_dir / "clip.mp4", [("red", "circle", 2.0)])

    first = index_without_pyav(photos_dir)
    assert (first["found"], first["videos"], first["added"], first["failed"]) == (2, 1, 1, 0)
    assert "videos: 1 video not indexed: video support is not installed (pip install 'album[video]')" in (
        first["unavailable"]
    )
    assert counts() == (1, 0)
    assert album_in_process("errors", "--json").stdout == ""  # not an error: nothing to retry or to report

    with_pyav = album_in_process("index", str(photos_dir), "--json")  # this process has PyAV
    summary = json.loads(with_pyav.stdout.splitlines()[0])
    assert (summary["added"], summary["unchanged"]) == (1, 1) and not [
        u for u in summary["unavailable"] if u.startswith("videos")
    ]
    assert counts() == (2, 1)

    again = index_without_pyav(photos_dir)  # PyAV gone again: the indexed video stays as it was
    assert (again["unchanged"], again["removed"], again["unavailable"]) == (2, 0, [
        u for u in again["unavailable"] if not u.startswith("videos")
    ])
    assert counts() == (2, 1)


def test_a_video_moved_while_video_support_is_missing_keeps_its_row(album_home: Path, photos_dir: Path) -> None:
    """Its content hash needs no PyAV, so the move is found as for a photo: the favourite stays with it."""
    write_video(photos_dir / "clip.mp4", [("red", "circle", 2.0)])
    assert album_in_process("index", str(photos_dir), "--json").returncode == 0
    assert album_in_process("favourite", str(photos_dir / "clip.mp4")).returncode == 0
    (photos_dir / "Trip").mkdir()
    (photos_dir / "clip.mp4").rename(photos_dir / "Trip" / "renamed.mp4")

    summary = index_without_pyav(photos_dir)
    assert (summary["moved"], summary["removed"], summary["added"]) == (1, 0, 0)
    assert not [u for u in summary["unavailable"] if u.startswith("videos")]  # nothing is left to index
    info = album_in_process("info", str(photos_dir / "Trip" / "renamed.mp4"), "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["favourite"] is True
