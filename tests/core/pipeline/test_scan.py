"""The folder walk of album/core/pipeline/scan.py on real folders: what it skips, loops it breaks,
folders it cannot read, files it recognises by their first bytes, and names that are not UTF-8."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photofactory import scene, write_photo

from album.core.pipeline.scan import SYSTEM_DIR_NAMES, FileEntry, discover, display_path, motion_clip, sniff_format

SMALL = scene(32, 24)


def found(root: Path, *more: Path, exclude: tuple[Path, ...] = ()) -> set[str]:
    """Paths of what ``discover`` lists, relative to ``root``."""
    result = discover([str(root), *map(str, more)], exclude=[str(p) for p in exclude])
    return {os.path.relpath(f.path, root) for f in result.files}


def test_hidden_and_system_folders_and_files_are_skipped(tmp_path: Path) -> None:
    write_photo(tmp_path / "2023" / "IMG_0001.jpg", image=SMALL)
    write_photo(tmp_path / ".git" / "a.jpg", image=SMALL)
    write_photo(tmp_path / ".thumbnails" / "b.jpg", image=SMALL)
    for name in SYSTEM_DIR_NAMES:
        write_photo(tmp_path / "2023" / name / "c.jpg", image=SMALL)
    write_photo(tmp_path / "2023" / ".hidden.jpg", image=SMALL)
    write_photo(tmp_path / "2023" / "._IMG_0001.jpg", image=SMALL)  # a macOS resource fork
    (tmp_path / "2023" / "IMG_0001.xmp").write_text("<x:xmpmeta/>")
    (tmp_path / "2023" / "clip.lrv").write_bytes(b"\xff\xd8\xff" + bytes(40))  # known not to be a photo: not opened
    assert found(tmp_path) == {"2023/IMG_0001.jpg"}


def test_videos_are_found_and_a_live_photos_clip_is_its_still(tmp_path: Path) -> None:
    write_photo(tmp_path / "IMG_0001.jpg", image=SMALL)
    (tmp_path / "IMG_0001.MOV").write_bytes(b"clip")  # written with the still: its Live Photo clip
    write_photo(tmp_path / "IMG_0002.jpg", image=SMALL)
    (tmp_path / "img_0002.mp4").write_bytes(b"clip")
    os.utime(tmp_path / "img_0002.mp4", (1e9, 1e9))  # the same name, but years apart: a video of its own
    (tmp_path / "trip.webm").write_bytes(b"clip")
    files = {Path(f.path).name: f for f in discover([str(tmp_path)]).files}
    assert set(files) == {"IMG_0001.jpg", "IMG_0002.jpg", "img_0002.mp4", "trip.webm"}
    assert files["IMG_0001.jpg"].motion == str(tmp_path / "IMG_0001.MOV")
    assert files["IMG_0002.jpg"].motion is None
    # the viewer finds the clip again by the same rule
    assert motion_clip(str(tmp_path / "IMG_0001.jpg")) == str(tmp_path / "IMG_0001.MOV")
    assert motion_clip(str(tmp_path / "IMG_0002.jpg")) is None
    assert motion_clip(str(tmp_path / "gone" / "IMG_0003.jpg")) is None


def test_symlink_loops_end_and_each_folder_is_walked_once(tmp_path: Path) -> None:
    write_photo(tmp_path / "a" / "one.jpg", image=SMALL)
    write_photo(tmp_path / "a" / "b" / "two.jpg", image=SMALL)
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a", target_is_directory=True)  # a loop
    (tmp_path / "alias").symlink_to(tmp_path / "a", target_is_directory=True)  # the same folder twice
    (tmp_path / "dangling.jpg").symlink_to(tmp_path / "gone.jpg")
    result = discover([str(tmp_path)])
    names = sorted(Path(f.path).name for f in result.files)
    assert names == ["one.jpg", "two.jpg"]
    assert result.unreadable == [] and result.roots == [str(tmp_path)]


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped_silently(tmp_path: Path) -> None:
    """chmod 000 does not stop root (these tests run as root), so the folder is made unreadable another way:
    its path is longer than the kernel accepts (PATH_MAX, 4096 bytes), which stops every user."""
    write_photo(tmp_path / "ok.jpg", image=SMALL)
    parent = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 folders of 250 characters: a 5,000-byte path
            os.mkdir("d" * 250, dir_fd=parent)
            child = os.open("d" * 250, os.O_RDONLY, dir_fd=parent)
            os.close(parent)
            parent = child
    finally:
        os.close(parent)
    result = discover([str(tmp_path)])
    assert [Path(f.path).name for f in result.files] == ["ok.jpg"]
    assert len(result.unreadable) == 1
    path, reason = result.unreadable[0]
    assert len(os.fsencode(path)) > 4096 and path.startswith(str(tmp_path))
    assert reason == os.strerror(36)  # ENAMETOOLONG
    assert result.roots == [str(tmp_path)]  # the root itself was listed: its other photos are known


def test_a_missing_root_is_reported_and_not_counted_as_walked(tmp_path: Path) -> None:
    write_photo(tmp_path / "here" / "a.jpg", image=SMALL)
    result = discover([str(tmp_path / "here"), str(tmp_path / "gone")])
    assert [Path(f.path).name for f in result.files] == ["a.jpg"]
    assert result.roots == [str(tmp_path / "here")]
    assert result.unreadable == [(str(tmp_path / "gone"), "No such file or directory")]


def test_single_files_and_excluded_folders(tmp_path: Path) -> None:
    write_photo(tmp_path / "photos" / "a.jpg", image=SMALL)
    write_photo(tmp_path / "photos" / "cache" / "thumb.jpg", image=SMALL)
    single = write_photo(tmp_path / "elsewhere" / "dropped.jpg", image=SMALL)
    found_here = found(tmp_path, single, exclude=(tmp_path / "photos" / "cache",))
    assert found_here == {"photos/a.jpg", "elsewhere/dropped.jpg"}
    twice = discover([str(single), str(single)])
    assert len(twice.files) == 1 and twice.roots == [str(single), str(single)]


def test_images_without_a_known_extension_are_recognised_by_their_first_bytes(tmp_path: Path) -> None:
    write_photo(tmp_path / "IMG_0001", fmt="JPEG", image=SMALL)  # a JPEG without an extension
    write_photo(tmp_path / "scan.bin", fmt="PNG", image=SMALL)
    (tmp_path / "notes").write_text("not an image")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "broken.jpg").write_bytes(b"garbage")  # a photo's name: kept, so the user hears why it failed
    assert found(tmp_path) == {"IMG_0001", "scan.bin", "broken.jpg"}


@pytest.mark.parametrize(
    ("head", "ext", "expected"),
    [
        (b"\xff\xd8\xff\xe0", "", "jpeg"),
        (b"\x89PNG\r\n\x1a\n", ".dat", "png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "", "webp"),
        (b"\x00\x00\x00\x18ftypheic", "", "heif"),
        (b"\x00\x00\x00\x18ftypcrx ", ".CR3", "raw"),
        (b"\x00\x00\x00\x18ftypmp42", "", None),  # a video in the same container
        (b"II*\x00", ".NEF", "raw"),  # TIFF-based RAW: the extension tells
        (b"II*\x00", ".tif", "tiff"),
        (b"MM\x00*", "", "tiff"),
        (b"FUJIFILMCCD-RAW ", "", "raw"),
        (b"GIF89a", ".gif", None),
        (b"", "", None),
    ],
)
def test_sniff_format(head: bytes, ext: str, expected: str | None) -> None:
    assert sniff_format(head, ext) == expected


def test_names_that_are_not_utf8_keep_their_exact_bytes(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9-\xff.jpg"
    with open(raw, "wb") as fh:
        scene(32, 24).save(fh, "JPEG")
    files = discover([str(tmp_path)]).files
    assert len(files) == 1
    entry = files[0]
    assert entry.path_bytes == raw and entry.size == os.stat(raw).st_size
    assert display_path(entry.path_bytes) == str(tmp_path) + "/caf\\xe9-\\xff.jpg"


def test_display_path() -> None:
    assert display_path("/photos/café/北京.jpg".encode()) == "/photos/café/北京.jpg"
    assert display_path(b"/photos/caf\xe9.jpg") == "/photos/caf\\xe9.jpg"
    assert display_path(b"") == ""
    entry = FileEntry(os.fsdecode(b"/p/\xff.jpg"), 1, 2)
    assert entry.path_bytes == b"/p/\xff.jpg"
