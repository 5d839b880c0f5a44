"""What the shipped place table costs: its size, and the first place lookup of a fresh process with
an empty cache (unpacks the table), with the table already unpacked, and without a cache (unpacks into
memory). Each case runs ``--runs`` times in a new process; the figures are medians of the time from
creating the gazetteer to its first answer (Python start-up and imports not included).

Usage: python bench/places.py [--runs 5]
"""

from __future__ import annotations

import argparse
import lzma
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from album.core.geo_table import SHIPPED  # noqa: E402

CODE = """
import sys, time
from pathlib import Path
from album.core.geo import Gazetteer
started = time.perf_counter()
g = Gazetteer(Path(sys.argv[1]) if sys.argv[1] else None)
assert g.lookup("Lisbon") is not None and g.reverse(38.72, -9.14).place == "Lisbon"
print(time.perf_counter() - started)
"""


def first_lookup(cache: Path | None) -> float:
    result = subprocess.run([sys.executable, "-c", CODE, str(cache or "")], capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": str(ROOT)}, timeout=120)  # fmt: skip
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    table = len(lzma.decompress(SHIPPED.read_bytes()))
    print(f"shipped {SHIPPED.name}: {SHIPPED.stat().st_size / 1e6:.2f} MB ({table / 1e6:.1f} MB unpacked)")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        cold, warm, memory = [], [], []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(first_lookup(cache))
            warm.append(first_lookup(cache))
            memory.append(first_lookup(None))
    print(f"first lookup, empty cache (unpacks):  {statistics.median(cold) * 1000:.0f} ms")
    print(f"first lookup, table already unpacked: {statistics.median(warm) * 1000:.0f} ms")
    print(f"first lookup, no cache (in memory):   {statistics.median(memory) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
