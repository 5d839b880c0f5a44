"""``album duplicates``: the library's copies and bursts, the copy to keep first and why.

It only lists: nothing is set aside or moved to the trash from the command line (the window's review does
that, after asking). Like every command it takes ``--json`` (one group per line).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from album.cli import _emit, _library, printable

if TYPE_CHECKING:
    from album.core.library import Paths

# How the terminal says why a group's first photo is the one to keep (records.KEEP_REASONS).
REASON_WORDS = {"largest": "largest", "sharpest": "sharpest", "gps": "has GPS", "metadata": "most metadata",
                "quality": "best quality", "first": "first copy found"}  # fmt: skip
KIND_WORDS = {"exact": "exact copies", "similar": "similar copies", "burst": "burst"}


def cmd_duplicates(args: argparse.Namespace, paths: Paths) -> int:
    groups = _library(paths).duplicates(exact_only=args.exact_only)
    for group in groups:
        if args.json:
            _emit(group.to_json())
            continue
        why = ", ".join(REASON_WORDS[r] for r in group.reasons)
        print(printable(f"{KIND_WORDS[group.kind]} ({len(group.photos)} photos)"))
        print(printable(f"  keep  {group.keeper.path}  ({why})"))
        for photo in group.extras:
            print(printable(f"  also  {photo.path}"))
    if not args.json:
        print(f"{len(groups)} group{'s' if len(groups) != 1 else ''} of duplicates")
    return 0


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("duplicates", parents=[common],
                       help="list copies and bursts, the one to keep first (nothing is deleted)")  # fmt: skip
    p.add_argument("--exact-only", action="store_true", help="only files with the same content")
    p.set_defaults(func=cmd_duplicates)
