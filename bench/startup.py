"""Start-up costs of the command line, each in a fresh process: wall time and peak RSS of
``album --help``, ``album parse``, a first ``album search`` and an ``album index`` with nothing to do.

The library is generated once (kept in ``--home``, default a folder under the system temp dir):
10,000 small JPEGs with dates, GPS around Lisbon and a camera, indexed metadata-only (downloads off,
so no model is fetched or loaded). Each command then runs ``--runs`` times; the figures are the
median wall and CPU times and the largest peak RSS. A model folder can be shared in with ``ALBUM_MODELS_DIR``
to time a search that encodes its text.

Usage: python bench/startup.py [--photos 10000] [--runs 3] [--home DIR]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from photofactory import Exif, scene, write_photo

PARSE = "Anna at the beach in Lisbon summer 2023"


def _make(args: tuple[Path, int]) -> None:
    folder, i = args
    path = folder / f"{i // 500:02d}" / f"IMG_{i:05d}.jpg"
    if not path.exists():
        exif = Exif(taken=datetime(2015, 1, 1) + timedelta(hours=7 * i), offset="+01:00", lat=38.7 + (i % 50) / 100,
                    lon=-9.1 - (i % 30) / 100, make="Canon", model="Canon EOS R6")  # fmt: skip
        write_photo(path, exif, image=scene(96, 72, seed=i))


def prepare(home: Path, photos: int) -> Path:
    """The generated photos and their library under ``home`` (made on the first run, then reused)."""
    folder = home / "photos"
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_make, [(folder, i) for i in range(photos)], chunksize=64))
    settings = home / "data" / "settings.json"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"version": 1, "allow_downloads": False}))
    started = time.monotonic()
    run(["index", str(folder)], home)
    run(["parse", "in Lisbon"], home)  # caches built on first use (the place table) are there from now on
    print(f"library ready: {photos} photos ({time.monotonic() - started:.1f} s to bring it up to date)")
    return folder


def run(args: list[str], home: Path) -> tuple[float, float, int, str]:
    """One fresh ``python -m album ARGS``: wall and CPU seconds (user + system: what a busy machine
    distorts least), peak RSS (MB) and its last output line."""
    env = {**os.environ, "ALBUM_HOME": str(home)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "album", *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)  # fmt: skip
    output = child.stdout.read() if child.stdout else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"album {' '.join(args)} failed ({child.returncode}):\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss // 1024, (output.strip().splitlines() or [""])[-1][:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "album-bench-startup")
    opts = parser.parse_args()
    folder = prepare(opts.home, opts.photos)
    commands = {
        "album --help": ["--help"],
        "album parse": ["parse", PARSE],
        "album search (first query)": ["search", "--limit", "5", "sunset in Lisbon 2019"],
        "album index (nothing to do)": ["index", str(folder)],
    }
    for name, args in commands.items():
        times, cpus, peaks, last = [], [], [], ""
        for _ in range(opts.runs):
            seconds, cpu, peak, last = run(args, opts.home)
            times.append(seconds)
            cpus.append(cpu)
            peaks.append(peak)
        wall, fastest, cpu = statistics.median(times), min(times), statistics.median(cpus)
        print(f"{name:<28} {wall:6.2f} s (min {fastest:.2f}) {cpu:6.2f} s CPU {max(peaks):5d} MB  {last}")


if __name__ == "__main__":
    main()
