"""`album index` as a user runs it, with CLIP and faces: throughput and peak memory on camera-like photos.

The photos are 8–24 MP JPEGs with sensor-like noise and a camera's EXIF (``photoset.camera_set``), so
they cost what camera files cost to decode and read (smooth generated pictures compress far better and
decode faster). The CLIP model is ViT-B-32 with random weights in album's model layout (speed does not
depend on the weights; random_clip.py makes it through ``album models convert``'s code); the face models
are real ones from ``../shared/models``: the detector of the default, licence-clean pack (YuNet; this
machine has its 2026may release, described by a sidecar as a user's own model would be) or insightface's
SCRFD-500M (``--faces=scrfd``), and MobileFaceNet to recognise (the default pack's SFace is not on this
machine). The generated photos hold no faces, so the face figures are the detector's cost on every photo,
not the recogniser's per face. A first run on a few other photos builds the int8 copies (once per model),
so the timed run is what every later import costs. Each run is a fresh ``album index`` process; its peak
RSS is its own (the bench process stays small, so nothing is inherited through fork).

Usage: python bench/index_full.py [COUNT] [--no-faces | --faces=scrfd]   (default 200 photos; rates count
the photos the folder holds, which may be more than COUNT from an earlier, larger run)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from photoset import CAMERA_CACHE, camera_photo, camera_set

ROOT = Path(__file__).resolve().parent.parent
SHARED_FACES = ROOT.parent / "shared" / "models" / "faces"


def run_index(env: dict[str, str], folder: Path) -> tuple[float, float, dict[str, object]]:
    """(seconds, peak RSS MB, the JSON summary) of one ``album index FOLDER`` process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "album", "index", str(folder), "--json"], env=env,
                                stdout=out, stderr=err, text=True)  # fmt: skip
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak (the bench process stays small)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"album index failed:\n{err.read()}")
        lines = out.read().splitlines()
    summary = json.loads(lines[0])
    return seconds, usage.ru_maxrss / 1024, summary


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), "200"))
    faces = "--no-faces" not in sys.argv
    detector, detector_name = (("det_500m.onnx", "SCRFD-500M") if "--faces=scrfd" in sys.argv
                               else ("yunet_2026may.onnx", "YuNet"))  # fmt: skip
    photos = camera_set(CAMERA_CACHE / "photos", count)
    warm = camera_set(CAMERA_CACHE / "warm-up", 4)
    one = camera_photo(CAMERA_CACHE / "one" / "IMG_10000.jpg", 10_000).parent  # a photo new to the library
    home = Path(tempfile.mkdtemp(prefix="album-bench-index-"))
    models = home / "models"
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'bench'); import random_clip; "
                    f"from pathlib import Path; random_clip.install(Path({str(models)!r}), 'vitb32', 'ViT-B-32')"],
                   cwd=ROOT, check=True)  # fmt: skip
    if faces:
        (models / "faces").mkdir(parents=True)
        for name in (detector, "mobilefacenet_rgb255.onnx"):
            shutil.copyfile(SHARED_FACES / name, models / "faces" / name)
        if detector.startswith("yunet"):  # OpenCV Zoo's score threshold, as album's entry for the 2023mar file
            (models / "faces" / "yunet_2026may.json").write_text('{"role": "detector", "min_score": 0.9}')
    env = {**os.environ, "ALBUM_HOME": str(home / "album"), "ALBUM_MODELS_DIR": str(models),
           "ALBUM_CLIP_MODEL": "vitb32", "PYTHONPATH": str(ROOT)}  # fmt: skip
    try:
        warm_seconds, _rss, _summary = run_index(env, warm)
        print(f"first run (builds the int8 copies of both towers, 4 photos): {warm_seconds:.1f} s")
        start_up, _rss, _summary = run_index(env, one)
        print(f"album index of one new photo once the int8 copies exist (start-up, models loaded, one photo): "
              f"{start_up:.2f} s")  # fmt: skip
        seconds, rss, summary = run_index(env, photos)
        added = int(summary["added"])  # type: ignore[call-overload]
        steps = f"CLIP + faces ({detector_name} + MobileFaceNet)" if faces else "CLIP only"
        print(f"album index, {added} camera-like 8–24 MP JPEGs, {steps}: {seconds:.1f} s, "
              f"{added / seconds:.1f} photos/s (model loading included), peak RSS {rss:.0f} MB")
        print(f"steady state (the photos after the first, the one-photo run's time taken off): "
              f"{(added - 1) / (seconds - start_up):.1f} photos/s")  # fmt: skip
        print(f"summary: added {summary.get('added')}, failed {summary.get('failed')}, "
              f"unavailable {summary.get('unavailable')}")
        again, rss_again, _summary = run_index(env, photos)
        print(f"album index again, nothing changed: {again:.2f} s, peak RSS {rss_again:.0f} MB")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
