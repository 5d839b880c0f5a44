"""How fast the viewer's player shows a video at a search hit's second: from ``VideoPlayer.open(path, start)``
to the first frame it delivers at that second, and how far from the second that frame is.

    QT_QPA_PLATFORM=offscreen python bench/video_playback.py [--size=1280x720] [--seconds=60]

Makes a video with PyAV (tests/videofactory.py: a keyframe a second, a new scene every 10 s) in a temporary
folder, opens it at several seconds in a row and prints each latency and start offset, then the median.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtMultimedia import QVideoFrame
    from PySide6.QtWidgets import QApplication
    from videofactory import bench_clip

    from album.gui.video_player import VideoPlayer

    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="album-playback-"))
    made = time.perf_counter()
    path, (width, height), seconds = bench_clip(folder, sys.argv[1:])
    print(f"video: {seconds} s at {width}×{height}, 30 fps, made in {time.perf_counter() - made:.1f} s")
    player = VideoPlayer()
    player.resize(960, 600)
    player.show()
    latencies, offsets = [], []
    for start in (seconds * f for f in (0.7, 0.2, 0.45, 0.9, 0.33)):
        loop = QEventLoop()
        began = time.perf_counter()
        player.open(str(path), start, (start,))

        shown: list[float] = []

        def frame(
            video_frame: QVideoFrame, start: float = start, loop: QEventLoop = loop, shown: list[float] = shown
        ) -> None:
            if video_frame.isValid() and video_frame.startTime() >= (start - 1.5) * 1e6 and not shown:
                shown.append(video_frame.startTime() / 1e6)
                loop.quit()

        sink = player.video.videoSink()
        sink.videoFrameChanged.connect(frame)
        QTimer.singleShot(20_000, loop.quit)
        loop.exec()
        sink.videoFrameChanged.disconnect(frame)
        latency, offset = time.perf_counter() - began, (shown[0] if shown else float("nan")) - start
        latencies.append(latency)
        offsets.append(offset)
        print(f"open at {start:5.1f} s: first frame after {latency * 1000:4.0f} ms, {offset:+.2f} s from it")
        player.stop()
    print(f"median: {statistics.median(latencies) * 1000:.0f} ms to the first frame at the hit's second, "
          f"start within {max(map(abs, offsets)):.2f} s of it")  # fmt: skip
    app.quit()


if __name__ == "__main__":
    main()
