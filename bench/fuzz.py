"""Fuzz the indexer: mutated JPEG, PNG, TIFF, WebP, HEIC and DNG files through album's real indexer.

Usage: python bench/fuzz.py [--count 10000] [--seed 1] [--workdir bench/out/fuzz] [--chunk 500] [--hang 5]

Valid seeds are made on the fly and damaged (tests/fuzzfactory.py: bit flips aimed at EXIF/XMP and
IFD offsets, truncations, huge declared sizes, duplicated segments, wrong extensions, empty files).
Each folder of ``--chunk`` files is indexed by ``Library.index`` in a child process with a watchdog
(tests/fuzzrun.py); a file that holds the indexer longer than ``--hang`` seconds is a hang, an
"internal" error or a crashed child is an unhandled exception. Each finding's file is copied to
WORKDIR/findings/ with a note of what happened.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fuzzfactory import generate
from fuzzrun import FuzzResult, index_files


def save_findings(result: FuzzResult, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, why in enumerate(result.stopped, 1):  # kept even when no file reproduces it alone
        (folder / f"stopped-run-{n}.txt").write_text(why + "\n", encoding="utf-8")
    for finding in result.findings:
        target = folder / f"{finding.kind}-{finding.path.name}"
        shutil.copyfile(finding.path, target)
        target.with_name(target.name + ".txt").write_text(f"{finding.kind}: {finding.detail}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="mutated files to make and index")
    parser.add_argument("--seed", type=int, default=1, help="random seed (the same seed makes the same files)")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "out" / "fuzz")
    parser.add_argument("--chunk", type=int, default=500, help="files per child process")
    parser.add_argument("--hang", type=float, default=5.0, help="seconds one file may take before it is a hang")
    args = parser.parse_args()

    work: Path = args.workdir
    shutil.rmtree(work / "files", ignore_errors=True)
    started = time.perf_counter()
    files = generate(work / "files", args.count, args.seed, per_folder=args.chunk)
    made = time.perf_counter() - started
    print(f"{len(files)} mutated files from 9 seeds (JPEG×2, PNG×2, TIFF×2, WebP, HEIC, DNG) in {made:.1f} s, "
          f"seed {args.seed}, on {platform.machine()} with {args.chunk} files per child")  # fmt: skip
    scratch = work / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        by_folder.setdefault(f.path.parent, []).append(f.path)
    total = FuzzResult()
    started = time.perf_counter()
    for n, (folder, members) in enumerate(sorted(by_folder.items()), 1):
        result = index_files([str(folder)], args.hang, scratch, expected=members)
        total.merge(result)
        rate = total.files / (time.perf_counter() - started)
        print(f"  chunk {n}/{len(by_folder)}: {result.indexed} indexed, {sum(result.errors.values())} errors, "
              f"{len(result.findings)} findings ({rate:.0f} files/s so far)", flush=True)  # fmt: skip
    seconds = time.perf_counter() - started
    save_findings(total, work / "findings")

    print(f"files:               {total.files}")
    print(f"indexed:             {total.indexed}")
    print(f"reported as errors:  {sum(total.errors.values())}")
    for kind, count in total.errors.most_common():
        print(f"  {kind:<17}  {count}")
    print(f"skipped, not images: {len(total.not_images)} (unknown extension and no image signature)")
    print(f"unaccounted for:     {len(total.unaccounted)}")
    print(f"unhandled:           {total.unhandled} (internal errors or crashed children)")
    print(f"hangs (> {args.hang:.0f} s):       {total.hangs}")
    print(f"slowest file:        {total.slowest[0]:.2f} s ({Path(total.slowest[1]).name})")
    print(f"peak RSS:            {total.peak_rss_mb:.0f} MB (largest child)")
    print(f"runs narrowed down:  {len(total.stopped)} (killed by the watchdog or crashed; a file that ran fine alone "
          "is no finding: the machine was busy)")  # fmt: skip
    print(f"seconds:             {seconds:.0f} ({total.files / seconds:.1f} files/s, {total.children} children)")
    for finding in total.findings:
        print(f"finding: {finding.kind} {finding.path.name}: {finding.detail.splitlines()[0]}")
    if total.findings:
        print(f"findings saved in {work / 'findings'}")


if __name__ == "__main__":
    main()
