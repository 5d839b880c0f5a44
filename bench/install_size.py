"""How big a fresh install of album is: a new venv, README's install command, then the size on disk.

Usage: ``python bench/install_size.py [EXTRA]`` (e.g. ``test`` to size the test install). Prints the
venv's total size, the biggest installed distributions, and whether anything GPU-only (CUDA wheels,
torch) came along, which album's run time never needs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY_BY_ACCIDENT = ("torch", "nvidia-", "triton", "tensorflow", "opencv-python")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def distribution_sizes(site_packages: Path) -> list[tuple[int, str]]:
    """(bytes, name) of every distribution installed in ``site_packages``, from their RECORD files."""
    sizes = []
    for dist in metadata.distributions(path=[str(site_packages)]):
        total = sum(site_packages.joinpath(str(f)).stat().st_size for f in dist.files or []
                    if site_packages.joinpath(str(f)).is_file())  # fmt: skip
        sizes.append((total, dist.metadata["Name"]))
    return sorted(sizes, reverse=True)


def main() -> int:
    extra = sys.argv[1] if len(sys.argv) > 1 else ""
    target = f"{REPO}[{extra}]" if extra else str(REPO)
    with tempfile.TemporaryDirectory(prefix="album-venv-") as tmp:
        venv = Path(tmp) / "venv"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", target], check=True)
        seconds = time.perf_counter() - started
        site_packages = next((venv / "lib").glob("python*/site-packages"))
        total = folder_size(venv)
        sizes = distribution_sizes(site_packages)
        print(f"install of {target!r}: {seconds:.0f} s, venv {total / 2**20:,.0f} MiB "
              f"({total / 1e9:.2f} GB), {len(sizes)} distributions")
        for size, name in sizes[:15]:
            print(f"  {size / 2**20:7.1f} MiB  {name}")
        accidental = [name for _size, name in sizes if name.lower().startswith(HEAVY_BY_ACCIDENT)]
        print("GPU-only or duplicate heavy packages:", ", ".join(accidental) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
