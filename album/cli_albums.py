"""The ``album`` commands for the user's own collections: favourite, unfavourite, rate, albums, album, export.

Like every command they take ``--json`` (one JSON object per line) and reach the library only through
:class:`~album.core.library.Library`. Marks and albums live in the library; no command here writes to
a photo file, and ``export`` writes only into its destination folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from album.cli import _emit, _library, printable, text_argument

if TYPE_CHECKING:
    from album.core.library import Library, Paths
    from album.core.records import Album, Photo


def _photos(library: Library, paths: list[str], command: str) -> list[Photo] | None:
    """The library's photos at ``paths``, or None (having said which are not in the library)."""
    found = [(path, library.photo(os.path.abspath(path))) for path in paths]
    missing = [path for path, photo in found if photo is None]
    for path in missing:
        print(f"album {command}: {printable(path)} is not in the library (run `album index` on its folder)",
              file=sys.stderr)  # fmt: skip
    return None if missing else [photo for _path, photo in found if photo is not None]


def cmd_favourite(args: argparse.Namespace, paths: Paths) -> int:
    library = _library(paths)
    photos = _photos(library, args.paths, args.command)
    if photos is None:
        return 1
    favourite = args.command == "favourite"
    library.set_favourite([p.id for p in photos], favourite)
    for photo in photos:
        _emit({"path": photo.path, "favourite": favourite}) if args.json else print(printable(photo.path))
    return 0


def stars_argument(text: str) -> int | None:
    if text.lower() in ("none", "clear", "-"):
        return None
    if not (text.isdigit() and 0 <= int(text) <= 5):
        raise argparse.ArgumentTypeError(f"a rating is 0 to 5 stars (or 'none' for the file's own), not {text!r}")
    return int(text)


def cmd_rate(args: argparse.Namespace, paths: Paths) -> int:
    library = _library(paths)
    photos = _photos(library, args.paths, "rate")
    if photos is None:
        return 1
    library.rate([p.id for p in photos], args.stars)
    for photo in photos:
        _emit({"path": photo.path, "user_rating": args.stars}) if args.json else print(printable(photo.path))
    return 0


def _album_json(album: Album) -> dict[str, Any]:
    return {"id": album.id, "name": album.name, "photos": album.photo_count, "smart": album.smart,
            "query": album.query, "cover": album.cover.path if album.cover else None}  # fmt: skip


def cmd_albums(args: argparse.Namespace, paths: Paths) -> int:
    for album in _library(paths).albums():
        if args.json:
            _emit(_album_json(album))
        else:
            kind = f"  smart: {album.query}" if album.smart else ""
            print(printable(f"{album.photo_count:>6}  {album.name}{kind}"))
    return 0


def cmd_album(args: argparse.Namespace, paths: Paths) -> int:
    """``album album create|add|remove|show|delete|rename|cover NAME …``."""
    library = _library(paths)
    album = library.album_named(args.name)
    if args.action == "create" or (args.action == "add" and album is None):
        if album is not None:
            print(f"album album: there is already an album called {printable(args.name)}", file=sys.stderr)
            return 1
        album = library.create_album(args.name, args.query)
    if album is None:
        print(f"album album: no album called {printable(args.name)} (see `album albums`)", file=sys.stderr)
        return 1
    if args.action in ("add", "remove", "cover"):
        if album.smart:
            print("album album: a smart album shows what its search finds; change the search instead",
                  file=sys.stderr)  # fmt: skip
            return 1
        photos = _photos(library, args.args, "album")
        if photos is None:
            return 1
        ids = [p.id for p in photos]
        if args.action == "add":
            library.add_to_album(album.id, ids)
        elif args.action == "remove":
            library.remove_from_album(album.id, ids)
        else:
            library.set_album_cover(album.id, ids[0] if ids else None)
    elif args.action == "delete":
        library.delete_album(album.id)
        _emit({"deleted": album.name}) if args.json else print(printable(f"deleted the album {album.name}"))
        return 0
    elif args.action == "rename":
        if len(args.args) != 1:
            print("album album rename: give the new name", file=sys.stderr)
            return 2
        library.rename_album(album.id, args.args[0])
    elif args.action == "show":
        names = library.album_names()
        for photo in library.album_photos(album):
            _emit(photo.to_json(names)) if args.json else print(printable(photo.path))
        return 0
    album = next(a for a in library.albums() if a.id == album.id)
    _emit(_album_json(album)) if args.json else print(printable(f"{album.name}: {album.photo_count} photos"))
    return 0


class ExportBar:
    """A tqdm bar of photos exported, on an interactive terminal only."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc="exporting", unit="photo", file=sys.stderr)
        self._bar.n = done
        self._bar.refresh()
        if done == total:
            self._bar.close()


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from album.core.library import ExportOptions

    library = _library(paths, warm_search=args.source == "search")
    if args.source == "album":
        album = library.album_named(args.what)
        if album is None:
            print(f"album export: no album called {printable(args.what)} (see `album albums`)", file=sys.stderr)
            return 1
        photos = list(library.album_photos(album))
    else:
        photos = [hit.photo for hit in library.search(library.parse(args.what)).hits]
    options = ExportOptions(long_edge=args.size, strip_metadata=args.strip_metadata)
    report = library.export(photos, Path(args.dest), options, progress=ExportBar(not args.json and sys.stderr.isatty()))
    for path, reason in report.failed:
        print(f"album export: {printable(path)}: {reason}", file=sys.stderr)
    if args.json:
        for target in report.written:
            _emit({"written": str(target)})
        _emit({"exported": len(report.written), "failed": len(report.failed), "dest": str(Path(args.dest))})
    else:
        print(f"exported {len(report.written)} of {len(photos)} photos to {printable(args.dest)}")
    return 1 if report.failed else 0


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add these commands to ``album``'s subcommands."""
    for name, action in (("favourite", "mark photos as favourites"), ("unfavourite", "unmark favourites")):
        p = sub.add_parser(name, parents=[common], help=f"{action} (kept in the library, not in the files)")
        p.add_argument("paths", nargs="+", metavar="PATH")
        p.set_defaults(func=cmd_favourite)

    p = sub.add_parser("rate", parents=[common], help="give photos 0–5 stars in album (none: the file's own)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("stars", type=stars_argument, metavar="N")
    p.set_defaults(func=cmd_rate)

    p = sub.add_parser("albums", parents=[common], help="list the albums with their photo counts")
    p.set_defaults(func=cmd_albums)

    p = sub.add_parser("album", parents=[common], help="create, fill, show, rename or delete an album",
                       description="create NAME [--query Q]: a new album (with --query, a smart album that "
                                   "shows what the search finds, as photos arrive). add NAME PATH...: add "
                                   "photos (creating the album if needed). remove NAME PATH... | cover NAME "
                                   "PATH | show NAME | rename NAME NEW | delete NAME (the photos stay).")  # fmt: skip
    p.add_argument("action", choices=["create", "add", "remove", "show", "cover", "rename", "delete"])
    p.add_argument("name", type=text_argument, metavar="NAME")
    p.add_argument("args", nargs="*", metavar="ARG")
    p.add_argument("--query", type=text_argument, metavar="SEARCH", help="create: a smart album for this search")
    p.set_defaults(func=cmd_album)

    p = sub.add_parser("export", parents=[common], help="copy an album's or a search's photos to a folder")
    p.add_argument("source", choices=["album", "search"])
    p.add_argument("what", type=text_argument, metavar="NAME|QUERY")
    p.add_argument("dest", metavar="DEST")
    p.add_argument("--size", type=int, metavar="PIXELS",
                   help="write JPEGs at most this many pixels across instead of copying the originals")  # fmt: skip
    p.add_argument("--strip-metadata", action="store_true",
                   help="with --size: leave out EXIF and XMP (dates, GPS, camera)")  # fmt: skip
    p.set_defaults(func=cmd_export)
