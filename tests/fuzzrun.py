"""Run files through album's real indexer (``Library.index``) in watched child processes.

Each run is one child process with its own empty ``ALBUM_HOME`` (downloads off, so no model steps):
it reports every file the indexer finishes, then the report and the library's errors, one JSON
line each; a thin wrapper round the indexer's ``decode_photo`` also says when each file's decode
begins and ends. The parent is the watchdog: when no file finishes for ``hang_s`` while indexing,
the child is killed. A killed or crashed child is narrowed down: the files whose decode was under
way are tried alone, the rest run again together (halving when nothing was under way), until the
culprit stands alone.

Peak memory is the child's own high-water mark (``VmHWM``), which it reports at the end, so it holds for
one run of the indexer. Not ``ru_maxrss`` from ``os.wait4``: Linux keeps the high-water mark of the memory
a child had before ``exec``, i.e. a copy of its parent, so a child of a 1.8 GB pytest process reports at
least 1.8 GB whatever it used itself. A child that was killed cannot report; ``ru_maxrss`` stands in.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from album.core.pipeline.media import LoadedPhoto
    from album.core.pipeline.scan import FileEntry

ROOT = Path(__file__).resolve().parent.parent
MARK = "@@fuzz "
STARTUP_S = 180.0  # imports, LanceDB, scan; and the finishing phase (optimise, indexes)


@dataclass
class Finding:
    path: Path
    kind: str  # "internal", "crash", "hang"
    detail: str


@dataclass
class FuzzResult:
    files: int = 0
    indexed: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # error kind → files
    not_images: list[Path] = field(default_factory=list)  # skipped by the scan (name and bytes say not an image)
    findings: list[Finding] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")  # seconds, path: the longest decode of one file
    peak_rss_mb: float = 0.0
    children: int = 0
    unaccounted: list[Path] = field(default_factory=list)  # neither indexed, nor an error, nor skipped
    stopped: list[str] = field(default_factory=list)  # why runs were killed or crashed (findings or not)

    def merge(self, other: FuzzResult) -> None:
        self.files += other.files
        self.indexed += other.indexed
        self.errors.update(other.errors)
        self.not_images += other.not_images
        self.findings += other.findings
        self.slowest = max(self.slowest, other.slowest)
        self.peak_rss_mb = max(self.peak_rss_mb, other.peak_rss_mb)
        self.children += other.children
        self.unaccounted += other.unaccounted
        self.stopped += other.stopped

    @property
    def unhandled(self) -> int:
        return sum(1 for f in self.findings if f.kind in ("internal", "crash"))

    @property
    def hangs(self) -> int:
        return sum(1 for f in self.findings if f.kind == "hang")


@dataclass
class _Run:
    done: list[str]  # in the order the indexer finished them
    scanned: list[str]
    in_flight: list[str]  # decodes begun and not ended when the child stopped
    report: dict[str, Any] | None
    returncode: int
    timed_out: bool
    rss_mb: float
    slowest: tuple[float, str]
    stderr: str


def _child_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "ALBUM_HOME": str(home), "LANCE_LOG": "error"}
    env.pop("ALBUM_MODELS_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _run_child(roots: list[str], hang_s: float, scratch: Path) -> _Run:
    """One indexing run in a child process, killed if a file holds the line longer than ``hang_s``."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=scratch))
    err_path = home.with_suffix(".stderr")
    lines: queue.Queue[str | None] = queue.Queue()
    with open(err_path, "w+b") as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, *roots], stdout=subprocess.PIPE, stderr=err, env=_child_env(home), text=True
        )
        assert proc.stdout is not None
        stdout = proc.stdout

        def pump() -> None:
            for line in stdout:
                if line.startswith(MARK):
                    lines.put(line[len(MARK) :])
            lines.put(None)

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        done: list[str] = []
        scanned: list[str] = []
        begun: dict[str, float] = {}
        report = None
        timed_out = False
        slowest = (0.0, "")
        limit = STARTUP_S
        last = time.monotonic()
        while True:
            try:
                line = lines.get(timeout=max(0.0, last + limit - time.monotonic()))
            except queue.Empty:
                timed_out = True
                proc.send_signal(signal.SIGKILL)
                break
            if line is None:
                break
            now = time.monotonic()
            event = json.loads(line)
            if event["event"] == "scan":
                scanned = event["files"]
            elif event["event"] == "start":
                limit = hang_s
            elif event["event"] == "begin":
                begun[event["path"]] = now
            elif event["event"] == "end":
                slowest = max(slowest, (now - begun.pop(event["path"], now), event["path"]))
                continue  # only a finished file resets the watchdog
            elif event["event"] == "file":
                done.append(event["path"])
            elif event["event"] == "finishing":
                limit = STARTUP_S
            elif event["event"] == "report":
                report = event
            last = now
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.close()
        reader.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    shutil.rmtree(home, ignore_errors=True)
    err_path.unlink(missing_ok=True)
    own_peak_kb = report.get("peak_rss_kb") if report else None
    rss_mb = (own_peak_kb or usage.ru_maxrss) / 1024  # kilobytes on Linux
    return _Run(done, scanned, list(begun), report, proc.returncode, timed_out, rss_mb, slowest, stderr)


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _traceback(stderr: str, path: str) -> str:
    """The traceback the indexer logged for ``path`` (it logs "unexpected failure indexing 'PATH'")."""
    lines = stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if "unexpected failure indexing" in line and path in line), None)
    if start is None:
        return ""
    end = start + 2
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end - 1].startswith(" ")):
        end += 1
    return "\n".join(lines[start : end + 1])


def index_files(roots: list[str], hang_s: float, scratch: Path, expected: list[Path] | None = None) -> FuzzResult:
    """Index ``roots`` (a folder, or files) in a child; narrow down a hang or a crash to its file.

    Args:
        roots: what the child indexes, as ``album index ROOTS`` would.
        hang_s: the longest one file may hold the line.
        scratch: where the child's library and log live while it runs.
        expected: the files the roots hold (for a folder), to account for every one.
    """
    files = expected if expected is not None else [Path(r) for r in roots]
    run = _run_child(roots, hang_s, scratch)
    result = FuzzResult(children=1, peak_rss_mb=run.rss_mb, slowest=run.slowest)
    if run.report is not None and run.returncode == 0 and not run.timed_out:
        result.files = len(files)
        errors = {e["path"]: e for e in run.report["errors"]}
        for error in errors.values():
            result.errors[error["kind"]] += 1
            if error["kind"] == "internal":
                trace = _traceback(run.stderr, error["path"])
                result.findings.append(Finding(Path(error["path"]), "internal", f"{error['reason']}\n{trace}"))
        result.indexed = sum(1 for p in run.done if p not in errors)
        scanned = set(run.scanned)
        seen = set(run.done) | set(errors)
        for path in files:
            if str(path) not in scanned:
                result.not_images.append(path)
            elif str(path) not in seen:
                result.unaccounted.append(path)
        return result
    how = "hang" if run.timed_out else "crash"
    result.stopped = [f"{how} of a run of {len(files)} files (exit status {run.returncode}):\n{_tail(run.stderr)}"]
    if len(files) == 1:
        detail = (
            f"no result after {hang_s:.0f} s" if run.timed_out else f"exit status {run.returncode}\n{_tail(run.stderr)}"
        )
        result.files = 1
        result.findings.append(Finding(files[0], how, detail))
        return result
    in_flight = set(run.in_flight)
    suspects = [p for p in files if str(p) in in_flight]
    if not suspects and how == "hang":  # files finish in order: the first unfinished one holds the line
        suspects = [p for p in files if str(p) not in set(run.done)][:1]
    if suspects and len(suspects) < len(files):
        parts = [*([p] for p in suspects), [p for p in files if p not in suspects]]
    else:  # died outside a decode (or every file is a suspect): halve
        half = len(files) // 2
        parts = [files[:half], files[half:]]
    for part in parts:
        result.merge(index_files([str(p) for p in part], hang_s, scratch))
    return result


def _child(roots: list[str]) -> int:
    """In the child: index ``roots`` with the real Library and say what happened, line by line."""
    from album.core.config import Paths, Settings
    from album.core.library import IndexProgress, Library
    from album.core.pipeline import indexer
    from album.core.pipeline.scan import discover

    lock = threading.Lock()

    def say(**event: object) -> None:
        with lock:  # decode threads say when they begin and end
            sys.stdout.write(MARK + json.dumps(event) + "\n")
            sys.stdout.flush()

    decode_photo = indexer.decode_photo

    def watched_decode(entry: FileEntry, *args: Any) -> LoadedPhoto:
        say(event="begin", path=entry.path)
        try:
            return decode_photo(entry, *args)
        finally:
            say(event="end", path=entry.path)

    indexer.decode_photo = watched_decode  # type: ignore[assignment]

    paths = Paths.from_env()
    Settings(allow_downloads=False).save(paths)
    say(event="scan", files=[entry.path for entry in discover(roots).files])
    library = Library(paths)
    library.load_place_names()  # ~1 s on first use, in whichever decode thread meets GPS first: not that file's time

    def progress(p: IndexProgress) -> None:
        if p.phase == "indexing":
            say(event="file", path=p.path) if p.path else say(event="start", total=p.total)
        elif p.phase == "finishing":
            say(event="finishing")

    report = library.index(roots, progress)
    errors = [{"path": e.path, "kind": e.kind, "reason": e.reason} for e in library.errors()]
    say(event="report", found=report.found, added=report.added, failed=report.failed, errors=errors,
        peak_rss_kb=_peak_rss_kb())
    return 0


def _peak_rss_kb() -> int | None:
    """This process's own peak resident memory since it started its program (VmHWM), in kB."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), None)


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
