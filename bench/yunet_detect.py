"""YuNet (the licence-clean pair's detector) next to SCRFD-500M on the shared real photos: finds and time.

Usage: python bench/yunet_detect.py [--models ../shared/models] [--faces ../shared/faces]

Both run through album's own detectors (:mod:`album.core.models.yunet`, :mod:`album.core.models.face_detect`)
at 640 px with one onnxruntime thread, each at the score threshold album gives it (YuNet 0.9, SCRFD-500M 0.6).
Printed per detector: labelled photos (``people/``, ``singles/``: one or more faces each) with at least one
face found, faces found in the 4 group photos (their README counts 12), faces found in the 11 photos without any,
and the median CPU time per photo. This is detection only: no SFace weights were available, so recognition
accuracy of the pair is not measured here.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import onnxruntime
from PIL import Image

from album.core.models.face_detect import Detector
from album.core.models.yunet import YuNetDetector

SHARED = Path(__file__).resolve().parents[2] / "shared"
SIZE = (640, 640)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=Path, default=SHARED / "models")
    parser.add_argument("--faces", type=Path, default=SHARED / "faces")
    args = parser.parse_args()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1

    def session(name: str) -> Any:
        path = str(args.models / "faces" / name)
        return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])

    detectors = {
        "YuNet (0.9)": YuNetDetector(session("yunet_2026may.onnx"), SIZE, 0.9),
        "SCRFD-500M (0.6)": Detector(session("det_500m.onnx"), SIZE, 0.6),
    }
    labelled = [p for folder in ("people", "singles") for p in sorted((args.faces / folder).rglob("*.*"))]
    sets = {name: [Image.open(p).convert("RGB") for p in paths] for name, paths in (
        ("labelled", labelled), ("group", sorted((args.faces / "group").iterdir())),
        ("noface", sorted((args.faces / "noface").iterdir())))}  # fmt: skip
    for name, detector in detectors.items():
        times: list[float] = []
        counts: dict[str, list[int]] = {}
        for set_name, images in sets.items():
            counts[set_name] = []
            for image in images:
                start = time.process_time()
                counts[set_name].append(len(detector.detect(image).scores))
                times.append(time.process_time() - start)
        found = sum(c > 0 for c in counts["labelled"])
        print(f"{name:<18} labelled photos with a face {found}/{len(counts['labelled'])}  "
              f"group faces {sum(counts['group'])} (of 12)  faces in no-face photos {sum(counts['noface'])}  "
              f"median {1000 * statistics.median(times):.1f} ms CPU/photo")  # fmt: skip


if __name__ == "__main__":
    main()
