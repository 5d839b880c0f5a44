"""Find the photos under a set of folders.

The walk is defensive because it runs over whatever a user drops on the window: symlink loops are
broken by remembering (device, inode) of every folder entered, folders that cannot be read are
reported (so the indexer does not mistake their photos for deleted ones), and hidden or system
folders (``.git``, ``@eaDir``, ``$RECYCLE.BIN`` …) are skipped. Images are recognised by their first
bytes, not only by their extension, so ``IMG_0001`` without an extension is found too.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from album.core.pipeline.sidecars import Sidecar, find_sidecars, is_sidecar_name, listing_of, sidecar_stamp
from album.core.pipeline.video import VIDEO_EXTS

log = logging.getLogger(__name__)

JPEG_EXTS = {".jpg", ".jpeg", ".jpe", ".jfif"}
RAW_EXTS = {
    ".dng", ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".orf", ".rw2", ".raf",
    ".pef", ".srw", ".x3f", ".3fr", ".iiq", ".erf", ".kdc", ".mrw", ".raw", ".rwl",
}  # fmt: skip
IMAGE_EXTS = JPEG_EXTS | RAW_EXTS | {".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".hif"}
# Files that live next to photos but are never photos; not worth opening to sniff.
NON_IMAGE_EXTS = {
    ".xmp", ".aae", ".json", ".txt", ".md", ".ini", ".db", ".thm", ".pp3", ".dop", ".xml",
    ".mts", ".wav", ".mp3", ".m4a",
    ".pdf", ".doc", ".docx", ".zip", ".html", ".htm", ".lrv", ".gpx", ".csv", ".log",
}  # fmt: skip
SYSTEM_DIR_NAMES = {
    "@eaDir", "$RECYCLE.BIN", "System Volume Information", "__MACOSX", "lost+found", "#recycle",
    "#snapshot", "Thumbs",
}  # fmt: skip
SNIFF_BYTES = 32


@dataclass(frozen=True)
class FileEntry:
    """A candidate photo as the file system reported it during the walk."""

    path: str  # str as os returns it; may carry surrogate escapes for non-UTF-8 names
    size: int
    mtime_ns: int
    sidecars: tuple[Sidecar, ...] = ()  # XMP and takeout files describing it, found next to it
    motion: str | None = None  # a Live Photo's (motion photo's) clip: the still is the item, the clip is not

    @property
    def sidecar_stamp(self) -> str:
        """Its sidecars' names, sizes and times: when this changes, its metadata is read again."""
        return sidecar_stamp(self.sidecars)

    @property
    def path_bytes(self) -> bytes:
        return os.fsencode(self.path)


@dataclass
class ScanResult:
    """What one walk found: candidate files, and the places it could not look into."""

    files: list[FileEntry] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    roots: list[str] = field(default_factory=list)  # the roots that exist and could be listed


def sniff_format(head: bytes, ext: str = "") -> str | None:
    """Name the image format of a file from its first bytes, or None if it is not one we read.

    The extension only breaks ties between formats that share a container (TIFF-based RAW files
    such as NEF/ARW/DNG look like TIFF; the extension tells they hold a RAW image).
    """
    ext = ext.lower()
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"crx ":
            return "raw"
        if brand in {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}:
            return "heif"
        return None
    if head.startswith((b"FUJIFILMCCD-RAW", b"FOVb")):
        return "raw"
    if head[:4] in {b"IIRO", b"IIRS", b"IIU\x00", b"MMOR"}:  # Olympus, Panasonic RAW
        return "raw"
    if head[:4] in {b"II*\x00", b"MM\x00*"}:
        return "raw" if ext in RAW_EXTS else "tiff"
    return None


def _is_hidden_dir(name: str) -> bool:
    return name.startswith(".") or name in SYSTEM_DIR_NAMES


def _wants_file(path: str, name: str) -> bool:
    """Decide from the name (and, for unknown extensions, the first bytes) whether to index a file."""
    if name.startswith("."):
        return False  # hidden files, macOS "._" resource forks
    ext = os.path.splitext(name)[1].lower()
    if ext in IMAGE_EXTS or ext in VIDEO_EXTS:
        return True  # kept even if broken, so the user hears why it was not indexed
    if ext in NON_IMAGE_EXTS:
        return False
    try:
        with open(path, "rb") as fh:
            return sniff_format(fh.read(SNIFF_BYTES), ext) is not None
    except OSError:
        return False


def discover(roots: Iterable[str], exclude: Iterable[str] = ()) -> ScanResult:
    """Walk ``roots`` (folders or single files) and list every candidate photo.

    Args:
        roots: folders to walk, or image files given directly (e.g. dropped on the window).
        exclude: folders never entered, such as album's own data and cache directories.
    """
    result = ScanResult()
    excluded = {os.path.realpath(p) for p in exclude}
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()

    def add_file(path: str, st: os.stat_result, listing: dict[str, tuple[int, int]]) -> None:
        if path not in seen_files:
            seen_files.add(path)
            folder, name = os.path.split(path)
            sidecars = find_sidecars(folder, name, listing) if listing else ()
            result.files.append(FileEntry(path, st.st_size, st.st_mtime_ns, sidecars))

    for root in roots:
        root = os.path.abspath(root)
        try:
            st = os.stat(root)
        except OSError as exc:
            result.unreadable.append((root, exc.strerror or str(exc)))
            continue
        if stat.S_ISREG(st.st_mode):
            add_file(root, st, listing_of(os.path.dirname(root)))
            result.roots.append(root)
            continue
        stack = [root]
        root_listed = False
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)
                if (st.st_dev, st.st_ino) in seen_dirs or os.path.realpath(folder) in excluded:
                    continue
                seen_dirs.add((st.st_dev, st.st_ino))
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                log.warning("cannot read folder %r: %s", folder, exc)
                result.unreadable.append((folder, exc.strerror or str(exc)))
                continue
            if folder == root:
                root_listed = True
            subdirs = []
            first_file = len(result.files)
            listing: dict[str, tuple[int, int]] = {}
            for entry in entries:
                if is_sidecar_name(entry.name) and not entry.name.startswith("."):
                    try:
                        if entry.is_file(follow_symlinks=True):
                            side = entry.stat(follow_symlinks=True)
                            listing[entry.name] = (side.st_size, side.st_mtime_ns)
                    except OSError:
                        pass
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=True):
                        if not _is_hidden_dir(entry.name):
                            subdirs.append(entry.path)
                    elif entry.is_file(follow_symlinks=True) and _wants_file(entry.path, entry.name):
                        add_file(entry.path, entry.stat(follow_symlinks=True), listing)
                except OSError as exc:  # vanished, dangling symlink, permission on stat
                    log.debug("skipping %r: %s", entry.path, exc)
            result.files[first_file:] = pair_live_photos(result.files[first_file:])
            stack.extend(reversed(subdirs))
        if root_listed:
            result.roots.append(root)
    return result


def pair_live_photos(files: list[FileEntry]) -> list[FileEntry]:
    """One folder's files with each Live Photo (motion photo) as one item: a still and a short clip of
    the same name stem (``IMG_0001.HEIC`` + ``IMG_0001.MOV``) are the still, carrying its clip.

    Phones name the pair alike and write them within seconds of each other: a clip whose modification
    time is more than ``LIVE_PAIR_SECONDS`` from the still's is a video of its own that shares a name.
    """
    stills: dict[str, int] = {}
    for i, entry in enumerate(files):
        stem, ext = os.path.splitext(os.path.basename(entry.path))
        if ext.lower() not in VIDEO_EXTS:
            stills.setdefault(stem.lower(), i)
    paired: dict[int, FileEntry] = {}
    clips: set[int] = set()
    for i, entry in enumerate(files):
        stem, ext = os.path.splitext(os.path.basename(entry.path))
        still = stills.get(stem.lower()) if ext.lower() in VIDEO_EXTS else None
        if still is not None and still not in paired and abs(entry.mtime_ns - files[still].mtime_ns) <= LIVE_PAIR_NS:
            paired[still] = dataclasses.replace(files[still], motion=entry.path)
            clips.add(i)
    return [paired.get(i, entry) for i, entry in enumerate(files) if i not in clips]


LIVE_PAIR_SECONDS = 60
LIVE_PAIR_NS = LIVE_PAIR_SECONDS * 1_000_000_000


def motion_clip(still: str) -> str | None:
    """The clip :func:`pair_live_photos` pairs with the Live Photo ``still``, found again next to it by the
    same rule (the store keeps the still as the item, not its clip's path): for the viewer, which plays it."""
    folder, name = os.path.split(still)
    stem = os.path.splitext(name)[0].lower()
    try:
        names = sorted(n for n in os.listdir(folder or ".") if os.path.splitext(n)[0].lower() == stem)
    except OSError:
        return None
    entries = []
    for sibling in names:
        path = os.path.join(folder, sibling)
        try:
            stat = os.stat(path)
        except OSError:
            continue
        entries.append(FileEntry(path, stat.st_size, stat.st_mtime_ns))
    return next((entry.motion for entry in pair_live_photos(entries) if entry.path == still), None)


def display_path(path_bytes: bytes) -> str:
    """A path as valid UTF-8 text; undecodable bytes of non-UTF-8 names show as ``\\xNN``."""
    return path_bytes.decode("utf-8", "backslashreplace")
