"""Decoding real files: orientation, draft decoding, formats, and every kind of broken input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photofactory import Exif, jpeg_bomb, png_bomb, scene, write_photo
from PIL import Image

from album.core.config import IndexSettings
from album.core.pipeline.media import PhotoError, content_hash, decode_photo, read_stable, thumbnail_path
from album.core.pipeline.scan import FileEntry

SETTINGS = IndexSettings(decode_size=256, thumb_size=64)

# How to store an upright image so that a viewer applying EXIF orientation N shows it upright:
# the inverse of the transform orientation N asks for.
STORE_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def load(path: Path, thumbs: Path, settings: IndexSettings = SETTINGS):  # type: ignore[no-untyped-def]
    st = path.stat()
    entry, data = read_stable(FileEntry(str(path), st.st_size, st.st_mtime_ns), settings.max_file_bytes)
    return decode_photo(entry, data, content_hash(data), settings, thumbs)


def upright_marker_image() -> Image.Image:
    """600×400, red in the top-left corner, blue in the bottom-right, grey elsewhere."""
    image = Image.new("RGB", (600, 400), (128, 128, 128))
    image.paste((255, 0, 0), (0, 0, 150, 100))
    image.paste((0, 0, 255), (450, 300, 600, 400))
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_is_applied(tmp_path: Path, orientation: int) -> None:
    upright = upright_marker_image()
    transform = STORE_AS[orientation]
    stored = upright.transpose(transform) if transform is not None else upright
    path = write_photo(tmp_path / f"o{orientation}.jpg", Exif(orientation=orientation), image=stored)
    photo = load(path, tmp_path / "thumbs")
    assert (photo.width, photo.height) == (600, 400)
    assert photo.meta.orientation == orientation
    w, h = photo.image.size
    top_left = photo.image.getpixel((w // 20, h // 20))
    bottom_right = photo.image.getpixel((w - w // 20, h - h // 20))
    assert top_left[0] > 200 and top_left[2] < 60, top_left
    assert bottom_right[2] > 200 and bottom_right[0] < 60, bottom_right


def test_draft_decode_is_reduced_but_large_enough(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "big.jpg", image=scene(4000, 3000))
    photo = load(path, tmp_path / "thumbs")
    assert (photo.width, photo.height) == (4000, 3000)
    assert 256 <= max(photo.image.size) <= 512


def test_no_draft_for_png_still_reduces(tmp_path: Path) -> None:
    photo = load(write_photo(tmp_path / "big.png", image=scene(2000, 1500)), tmp_path / "thumbs")
    assert (photo.width, photo.height) == (2000, 1500)
    assert max(photo.image.size) <= 512


def test_thumbnail_written_by_content_hash(tmp_path: Path) -> None:
    photo = load(write_photo(tmp_path / "a.jpg", image=scene(800, 600)), tmp_path / "thumbs")
    thumb = thumbnail_path(tmp_path / "thumbs", photo.content_hash)
    with Image.open(thumb) as image:
        assert max(image.size) == 64


@pytest.mark.parametrize("suffix", [".heic", ".webp", ".png", ".tif"])
def test_other_formats(tmp_path: Path, suffix: str) -> None:
    path = write_photo(tmp_path / f"a{suffix}", image=scene(320, 240, seed=3))
    photo = load(path, tmp_path / "thumbs")
    assert (photo.width, photo.height) == (320, 240)
    assert photo.image.mode == "RGB"


def test_extensionless_jpeg_is_sniffed(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "IMG_0001", fmt="JPEG")
    assert load(path, tmp_path / "thumbs").format == "jpeg"


def test_png_with_alpha_and_16_bit(tmp_path: Path) -> None:
    rgba = Image.new("RGBA", (50, 40), (255, 0, 0, 0))
    assert load(write_photo(tmp_path / "a.png", image=rgba), tmp_path / "t").image.getpixel((1, 1)) == (255, 255, 255)
    grey16 = Image.new("I;16", (50, 40), 65535)
    assert load(write_photo(tmp_path / "b.png", image=grey16), tmp_path / "t").image.getpixel((1, 1)) == (255, 255, 255)


def test_one_pixel_image(tmp_path: Path) -> None:
    photo = load(write_photo(tmp_path / "dot.jpg", image=Image.new("RGB", (1, 1), "red")), tmp_path / "thumbs")
    assert (photo.width, photo.height) == (1, 1)


def expect_error(path: Path, tmp_path: Path, kind: str) -> PhotoError:
    with pytest.raises(PhotoError) as info:
        load(path, tmp_path / "thumbs")
    assert info.value.kind == kind
    assert info.value.reason
    return info.value


def test_truncated_jpeg(tmp_path: Path) -> None:
    whole = write_photo(tmp_path / "whole.jpg", image=scene(800, 600)).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    expect_error(tmp_path / "cut.jpg", tmp_path, "corrupt")


def test_garbage_after_jpeg_header(tmp_path: Path) -> None:
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    expect_error(tmp_path / "bad.jpg", tmp_path, "corrupt")


def test_tiff_strip_offset_of_the_wrong_type_is_corrupt(tmp_path: Path) -> None:
    """Found by bench/fuzz.py: a StripOffsets of type DOUBLE made Pillow raise TypeError ("internal")."""
    found = Path(__file__).resolve().parents[3] / "bench" / "findings" / "tiff-strip-offset-double.tif"
    (tmp_path / "double.tif").write_bytes(found.read_bytes())
    expect_error(tmp_path / "double.tif", tmp_path, "corrupt")


def test_raw_preview_larger_than_the_file_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    """Found by the fuzz test: a DNG declaring a 65500×60 preview made rawpy hand Pillow an array over a
    smaller buffer, and reading it killed the process (a segmentation fault)."""
    found = Path(__file__).resolve().parents[3] / "bench" / "findings" / "dng-preview-larger-than-file.dng"
    (tmp_path / "preview.dng").write_bytes(found.read_bytes())
    expect_error(tmp_path / "preview.dng", tmp_path, "corrupt")


def test_zero_bytes(tmp_path: Path) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    expect_error(tmp_path / "empty.jpg", tmp_path, "empty")


def test_text_file_named_jpg(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("this is not a photo\n")
    expect_error(tmp_path / "notes.jpg", tmp_path, "not_image")


@pytest.mark.parametrize("make_bomb", [png_bomb, jpeg_bomb])
def test_decompression_bomb_refused_without_allocating(tmp_path: Path, make_bomb) -> None:  # type: ignore[no-untyped-def]
    import resource

    path = make_bomb(tmp_path / ("bomb.png" if make_bomb is png_bomb else "bomb.jpg"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = expect_error(path, tmp_path, "too_large")
    assert "pixels" in error.reason or "decompression" in error.reason.lower()
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 200


def test_file_vanishes_before_read(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "a.jpg")
    entry = FileEntry(str(path), path.stat().st_size, path.stat().st_mtime_ns)
    path.unlink()
    with pytest.raises(PhotoError) as info:
        read_stable(entry, SETTINGS.max_file_bytes)
    assert info.value.kind == "vanished"


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "a.jpg", image=scene(800, 600))
    entry = FileEntry(str(path), path.stat().st_size, path.stat().st_mtime_ns)
    with pytest.raises(PhotoError) as info:
        read_stable(entry, max_bytes=1000)
    assert info.value.kind == "too_large"


def test_heic_orientation_not_applied_twice(tmp_path: Path) -> None:
    """pillow-heif turns HEIC images upright itself; album must not rotate them again."""
    stored = upright_marker_image().transpose(STORE_AS[6])
    photo = load(write_photo(tmp_path / "o6.heic", Exif(orientation=6), image=stored), tmp_path / "thumbs")
    assert (photo.width, photo.height) == (600, 400)
    top_left = photo.image.getpixel((5, 5))
    assert top_left[0] > 200 and top_left[2] < 60, top_left


def test_file_that_does_not_hold_still_is_refused() -> None:
    """A file whose content disagrees with its size on every read (here a /proc file: size 0, content
    not) is what a photo being written while album reads it looks like: refused, not half-indexed."""
    path = "/proc/self/status"
    st = os.stat(path)
    with pytest.raises(PhotoError) as info:
        read_stable(FileEntry(path, st.st_size, st.st_mtime_ns), SETTINGS.max_file_bytes)
    assert info.value.kind == "changed"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # album's own limits decide
def test_full_size_formats_are_refused_above_the_decode_memory_limit(tmp_path: Path) -> None:
    """PNG cannot decode reduced: a 10000×10000 RGB one (100 MP, under the pixel limit) would take 300 MB
    to decode, so it is refused before decoding; a JPEG of the same size decodes reduced and is fine."""
    import resource

    png = png_bomb(tmp_path / "big.png", 10_000, 10_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = expect_error(png, tmp_path, "too_large")
    assert "MB to decode" in error.reason
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 100
    jpeg = tmp_path / "big.jpg"
    write_photo(jpeg, image=Image.new("RGB", (10_000, 10_000), "white"))
    entry = FileEntry(str(jpeg), jpeg.stat().st_size, jpeg.stat().st_mtime_ns)
    _entry, data = read_stable(entry, SETTINGS.max_file_bytes)
    photo = decode_photo(entry, data, content_hash(data), SETTINGS, tmp_path / "thumbs")
    assert (photo.width, photo.height) == (10_000, 10_000) and max(photo.image.size) < 2_000
