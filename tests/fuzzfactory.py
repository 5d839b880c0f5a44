"""Make mutated image files for fuzzing the indexer: valid seeds made on the fly, then damaged on purpose.

Seeds: JPEG (EXIF with GPS, an XMP APP1), progressive JPEG, PNG (eXIf, iTXt XMP), palette PNG, TIFF
(EXIF; LZW without), WebP (EXIF, XMP), HEIC (EXIF, XMP), and a DNG (TIFF with DNGVersion, an RGB preview and
a CFA sub-IFD, written with tifffile). Every seed carries a map of where its metadata, IFD offsets and
declared sizes are, so mutations aim there: most crashes hide in the parsers of those bytes, not in
the entropy-coded pixels.

Mutations (one to three per file): bit flips (mostly in EXIF/XMP and IFD offsets), truncation, huge
declared sizes (JPEG SOF, PNG IHDR, TIFF ImageWidth, WebP VP8X, HEIC ispe), duplicated segments,
a wrong extension, and zero-length files. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pillow_heif
from photofactory import Exif, scene
from PIL import Image, PngImagePlugin

pillow_heif.register_heif_opener()

XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="38,43.34N" exif:DateTimeOriginal='
    b'"2021-06-01T10:00:00+01:00"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
WRONG_EXTS = [".jpg", ".png", ".tif", ".webp", ".heic", ".dng", ".nef", ".cr2", "", ".bin"]


@dataclass
class Seed:
    """A valid image and where in its bytes the interesting fields are."""

    name: str
    ext: str
    data: bytes
    hot: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of metadata (EXIF, XMP, IFDs)
    pointers: list[tuple[int, int]] = field(default_factory=list)  # (offset, width) of offsets and counts
    sizes: list[tuple[int, str]] = field(default_factory=list)  # (offset, struct format) of declared sizes
    segments: list[tuple[int, int]] = field(default_factory=list)  # whole segments/chunks/boxes to duplicate
    crc_chunks: bool = False  # PNG: recompute chunk CRCs after a mutation (half the time)


# -- seeds ------------------------------------------------------------------------------------------
def _exif() -> bytes:
    taken = datetime(2021, 6, 1, 10, 0)
    return Exif(taken=taken, offset="+01:00", lat=38.7223, lon=-9.1393, alt=12.5, make="Canon",
                model="EOS R5", lens="RF 24-105", orientation=6, gps_utc=taken).dump()  # fmt: skip


def _saved(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def _jpeg(progressive: bool) -> bytes:
    data = _saved(scene(320, 240, seed=3), "JPEG", quality=80, exif=_exif(), progressive=progressive)
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + XMP
    xmp = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    at = data.index(b"\xff\xe1") + 2
    at += struct.unpack(">H", data[at : at + 2])[0]  # after the EXIF APP1
    return data[:at] + xmp + data[at:]


def _png(palette: bool) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_itxt("Description", "a fuzzing seed", lang="en", tkey="Description")
    image = scene(160, 120, seed=5)
    if palette:
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    return _saved(image, "PNG", exif=_exif(), pnginfo=info)


def _dng() -> bytes:
    import tifffile

    preview = np.asarray(scene(80, 60, seed=7))
    cfa = (np.arange(120 * 160, dtype=np.uint16).reshape(120, 160) * 7) % 4096
    buf = io.BytesIO()
    dng_tags = [(50706, "B", 4, (1, 4, 0, 0), True), (50707, "B", 4, (1, 1, 0, 0), True),
                (271, "s", 0, "Canon", True), (272, "s", 0, "FuzzCam", True), (50708, "s", 0, "Canon FuzzCam", True),
                (274, "H", 1, 6, True)]  # fmt: skip
    cfa_tags = [(33421, "H", 2, (2, 2), True), (33422, "B", 4, (0, 1, 1, 2), True), (50717, "I", 1, 4095, True)]
    with tifffile.TiffWriter(buf) as tiff:
        tiff.write(preview, photometric="rgb", subfiletype=1, subifds=1, metadata=None, extratags=dng_tags)
        tiff.write(cfa, photometric=32803, subfiletype=0, metadata=None, extratags=cfa_tags)
    return buf.getvalue()


def make_seeds() -> list[Seed]:
    """The valid files every mutation starts from (about 300 KB in all)."""
    raw: list[tuple[str, str, bytes]] = [
        ("jpeg-exif-xmp", ".jpg", _jpeg(progressive=False)),
        ("jpeg-progressive", ".jpg", _jpeg(progressive=True)),
        ("png-exif-itxt", ".png", _png(palette=False)),
        ("png-palette", ".png", _png(palette=True)),
        ("tiff-exif", ".tif", _saved(scene(120, 90, seed=9), "TIFF", exif=_exif())),
        ("tiff-lzw", ".tif", _saved(scene(160, 120, seed=11), "TIFF", compression="tiff_lzw")),
        ("webp-exif-xmp", ".webp", _saved(scene(240, 180, seed=13), "WEBP", quality=60, exif=_exif(), xmp=XMP)),
        ("heic-exif-xmp", ".heic", _saved(scene(160, 120, seed=15), "HEIF", quality=50, exif=_exif(), xmp=XMP)),
        ("dng", ".dng", _dng()),
    ]
    seeds = []
    for name, ext, data in raw:
        seed = Seed(name, ext, data)
        {".jpg": _map_jpeg, ".png": _map_png, ".webp": _map_riff, ".heic": _map_bmff}.get(ext, _map_tiff_file)(seed)
        seeds.append(seed)
    return seeds


# -- where the interesting bytes are ----------------------------------------------------------------
def _map_tiff(seed: Seed, base: int, end: int) -> None:
    """Mark a TIFF structure at ``base`` (a file, or an EXIF block): IFD entries, offsets, sizes."""
    data = seed.data
    order = {b"II": "<", b"MM": ">"}.get(data[base : base + 2])
    if order is None:
        return
    queue: list[int] = [struct.unpack(order + "I", data[base + 4 : base + 8])[0]]
    seen: set[int] = set()
    seed.pointers.append((base + 4, 4))
    while queue and len(seen) < 32:
        ifd = queue.pop()
        at = base + ifd
        if ifd == 0 or ifd in seen or at + 2 > end:
            continue
        seen.add(ifd)
        count = struct.unpack(order + "H", data[at : at + 2])[0]
        seed.pointers.append((at, 2))
        seed.hot.append((at, min(end, at + 2 + 12 * count + 4)))
        for i in range(count):
            entry = at + 2 + 12 * i
            if entry + 12 > end:
                break
            tag, kind, n = struct.unpack(order + "HHI", data[entry : entry + 8])
            seed.pointers.append((entry + 4, 4))  # the count
            width = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}.get(kind, 1)
            value = struct.unpack(order + "I", data[entry + 8 : entry + 12])[0]
            if width * n > 4:
                seed.pointers.append((entry + 8, 4))
                if base + value < end:
                    seed.hot.append((base + value, min(end, base + value + width * n)))
            if tag in (256, 257, 50829):  # ImageWidth, ImageLength, ActiveArea
                seed.sizes.append((entry + 8, order + ("H" if kind == 3 else "I")))
            if tag in (273, 279, 324, 325, 513, 514):  # strip/tile offsets and byte counts, JPEG preview
                seed.pointers.append((entry + 8, 4))
            if tag in (0x8769, 0x8825, 0xA005, 330):  # EXIF, GPS, interop IFDs, SubIFDs
                queue.append(value)
        nxt = at + 2 + 12 * count
        if nxt + 4 <= end:
            seed.pointers.append((nxt, 4))
            queue.append(struct.unpack(order + "I", data[nxt : nxt + 4])[0])


def _map_tiff_file(seed: Seed) -> None:
    _map_tiff(seed, 0, len(seed.data))
    seed.segments = list(seed.hot)


def _map_jpeg(seed: Seed) -> None:
    data, at = seed.data, 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        seed.segments.append((at, at + 2 + length))
        seed.pointers.append((at + 2, 2))
        if marker == 0xE1:
            seed.hot.append((at + 4, at + 2 + length))
            if data[at + 4 : at + 10] == b"Exif\x00\x00":
                _map_tiff(seed, at + 10, at + 2 + length)
        elif marker in (0xC0, 0xC2):
            seed.sizes += [(at + 5, ">H"), (at + 7, ">H")]  # height, width
        if marker == 0xDA:
            break
        at += 2 + length


def _map_png(seed: Seed) -> None:
    data, at = seed.data, 8
    seed.crc_chunks = True
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        seed.segments.append((at, at + 12 + length))
        seed.pointers.append((at, 4))
        if kind in (b"eXIf", b"iTXt", b"tEXt", b"zTXt"):
            seed.hot.append((at + 8, at + 8 + length))
        if kind == b"eXIf":
            _map_tiff(seed, at + 8, at + 8 + length)
        if kind == b"IHDR":
            seed.sizes += [(at + 8, ">I"), (at + 12, ">I")]
        at += 12 + length


def _map_riff(seed: Seed) -> None:
    data, at = seed.data, 12
    seed.pointers.append((4, 4))
    while at + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[at : at + 8])
        seed.segments.append((at, at + 8 + length + (length & 1)))
        seed.pointers.append((at + 4, 4))
        if kind in (b"EXIF", b"XMP "):
            seed.hot.append((at + 8, at + 8 + length))
        if kind == b"EXIF":
            start = at + 8 + (6 if data[at + 8 : at + 14] == b"Exif\x00\x00" else 0)
            _map_tiff(seed, start, at + 8 + length)
        if kind == b"VP8X":
            seed.sizes += [(at + 12, "<H"), (at + 15, "<H")]  # low bytes of the 24-bit canvas size
        at += 8 + length + (length & 1)


def _map_bmff(seed: Seed) -> None:
    """HEIC: boxes (top level and inside meta), the ispe sizes, the Exif item, the XMP."""
    data = seed.data

    def boxes(start: int, end: int) -> None:
        at = start
        while at + 8 <= end:
            size, kind = struct.unpack(">I4s", data[at : at + 8])
            if size < 8 or at + size > end:
                return
            seed.segments.append((at, at + size))
            seed.pointers.append((at, 4))
            if kind == b"meta":
                seed.hot.append((at, at + size))
                boxes(at + 12, at + size)
            elif kind in (b"iprp", b"ipco", b"iinf", b"iloc"):
                boxes(at + 8 + (6 if kind == b"iinf" else 0), at + size)
            elif kind == b"ispe":
                seed.sizes += [(at + 12, ">I"), (at + 16, ">I")]
            at += size

    boxes(0, len(data))
    exif = data.find(b"Exif\x00\x00")
    if exif >= 0:
        seed.hot.append((exif, exif + 200))
        _map_tiff(seed, exif + 6, len(data))
    xmp = data.find(b"<x:xmpmeta")
    if xmp >= 0:
        seed.hot.append((xmp, xmp + len(XMP)))


# -- mutations --------------------------------------------------------------------------------------
Mutation = Callable[[bytearray, Seed, random.Random], bytearray]


def _flip_bits(data: bytearray, seed: Seed, rng: random.Random) -> bytearray:
    for _ in range(rng.randint(1, 8)):
        roll = rng.random()
        if roll < 0.45 and seed.hot:
            start, end = rng.choice(seed.hot)
        elif roll < 0.8 and seed.pointers:
            at, width = rng.choice(seed.pointers)
            start, end = at, at + width
        else:
            start, end = 0, len(data)
        end = min(end, len(data))
        if end > start:
            data[rng.randrange(start, end)] ^= 1 << rng.randrange(8)
    return data


def _set_pointer(data: bytearray, seed: Seed, rng: random.Random) -> bytearray:
    """An offset or count set to something absurd: 0, itself, past the end, 0xFFFF…."""
    if not seed.pointers:
        return _flip_bits(data, seed, rng)
    at, width = rng.choice(seed.pointers)
    value = rng.choice([0, 1, at, len(data) - 1, len(data) + 10, 2 ** (8 * width) - 1, 2 ** (8 * width - 1)])
    data[at : at + width] = (value % 2 ** (8 * width)).to_bytes(width, rng.choice(["big", "little"]))
    return data


def _truncate(data: bytearray, seed: Seed, rng: random.Random) -> bytearray:
    if rng.random() < 0.5 and seed.hot:
        start, end = rng.choice(seed.hot)
        cut = rng.randrange(start, max(start + 1, min(end, len(data))))
    else:
        cut = rng.randrange(0, max(1, len(data)))
    return data[: max(1, cut)]


def _huge_size(data: bytearray, seed: Seed, rng: random.Random) -> bytearray:
    if not seed.sizes:
        return _set_pointer(data, seed, rng)
    for at, fmt in rng.sample(seed.sizes, k=min(len(seed.sizes), rng.randint(1, 2))):
        top = 2 ** (8 * struct.calcsize(fmt)) - 1
        value = rng.choice([top, top // 2, 65_500, 50_000, 30_000, 0, 1])
        if at + struct.calcsize(fmt) <= len(data):
            data[at : at + struct.calcsize(fmt)] = struct.pack(fmt, min(value, top))
    return data


def _duplicate(data: bytearray, seed: Seed, rng: random.Random) -> bytearray:
    if seed.segments and rng.random() < 0.8:
        start, end = rng.choice(seed.segments)
    else:
        start = rng.randrange(0, max(1, len(data)))
        end = start + rng.randint(1, 512)
    end = min(end, len(data))
    copies = rng.choice([1, 1, 2, 50])
    return data[:end] + data[start:end] * copies + data[end:]


MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "flip": (_flip_bits, 0.4),
    "pointer": (_set_pointer, 0.15),
    "truncate": (_truncate, 0.15),
    "huge": (_huge_size, 0.15),
    "duplicate": (_duplicate, 0.15),
}


def _fix_png_crcs(data: bytearray) -> bytearray:
    at = 8
    while at + 12 <= len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        if at + 12 + length > len(data):
            break
        data[at + 8 + length : at + 12 + length] = struct.pack(">I", zlib.crc32(data[at + 4 : at + 8 + length]))
        at += 12 + length
    return data


@dataclass(frozen=True)
class FuzzFile:
    path: Path
    seed: str
    mutations: tuple[str, ...]


def mutate(seed: Seed, rng: random.Random) -> tuple[bytes, str, tuple[str, ...]]:
    """One mutated file: its bytes, extension and the names of the mutations applied."""
    if rng.random() < 0.01:
        return b"", seed.ext, ("zero-length",)
    names = list(MUTATIONS)
    weights = [MUTATIONS[n][1] for n in names]
    applied = tuple(rng.choices(names, weights, k=rng.choice([1, 1, 1, 2, 3])))
    data = bytearray(seed.data)
    for name in applied:
        data = MUTATIONS[name][0](data, seed, rng)
    if seed.crc_chunks and rng.random() < 0.5:
        data = _fix_png_crcs(data)
    ext = seed.ext
    if rng.random() < 0.08:
        ext = rng.choice([e for e in WRONG_EXTS if e != seed.ext])
        applied += ("ext" + (ext or "-none"),)
    return bytes(data), ext, applied


def generate(folder: Path, count: int, seed: int = 1, per_folder: int = 500) -> list[FuzzFile]:
    """Write ``count`` mutated files under ``folder`` in sub-folders of ``per_folder`` files."""
    rng = random.Random(seed)
    seeds = make_seeds()
    files = []
    for i in range(count):
        base = seeds[i % len(seeds)]
        data, ext, applied = mutate(base, rng)
        path = folder / f"{i // per_folder:03d}" / f"f{i:05d}-{base.name}{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append(FuzzFile(path, base.name, applied))
    return files
