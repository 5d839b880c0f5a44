"""The library's writer lock with real processes: exclusive across them, re-entrant within one, dropped by
the kernel when its holder dies, and a wait that can be cancelled and says who it waits for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from album.core.store.lock import LOCK_FILE, LibraryBusy, LockHolder, WaitCancelled, WriterLock

ROOT = Path(__file__).resolve().parents[3]
HOLDER_COMMAND = "album index /photos"
HOLDER = f"""
import sys
from pathlib import Path
from album.core.store.lock import WriterLock

WriterLock(Path(sys.argv[1]), command={HOLDER_COMMAND!r}).acquire(wait=False)
print("held", flush=True)
sys.stdin.read()  # hold until the test closes stdin (or kills this process)
"""


def start_holder(db_dir: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock and holds it until its stdin is closed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_dir)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline() == "held\n"
    return process


def stop(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=10) == 0


def other_process_can_take(db_dir: Path) -> bool:
    """Whether a fresh process gets the lock without waiting."""
    code = "import sys; from pathlib import Path; from album.core.store.lock import WriterLock, LibraryBusy\n"
    code += "try: WriterLock(Path(sys.argv[1])).acquire(wait=False)\nexcept LibraryBusy: sys.exit(3)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code, str(db_dir)], env=env, timeout=30)
    assert result.returncode in (0, 3)
    return result.returncode == 0


@pytest.fixture
def db_dir(tmp_path: Path) -> Path:
    return tmp_path / "library.lancedb"


@pytest.fixture
def holder(db_dir: Path) -> Iterator[subprocess.Popen[str]]:
    process = start_holder(db_dir)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_another_process_holding_it_makes_a_no_wait_acquire_fail_naming_the_holder(
    db_dir: Path, holder: subprocess.Popen[str]
) -> None:
    lock = WriterLock(db_dir, command="album (desktop app)")
    with pytest.raises(LibraryBusy) as busy:
        lock.acquire(wait=False)
    assert busy.value.holder is not None
    assert (busy.value.holder.pid, busy.value.holder.command) == (holder.pid, HOLDER_COMMAND)
    assert f"pid {holder.pid}" in str(busy.value) and HOLDER_COMMAND in str(busy.value)
    assert not lock.held
    stop(holder)
    with lock.hold(wait=False):  # free once the holder let go
        me = lock.holder()
        assert lock.held and me is not None and (me.pid, me.command) == (os.getpid(), "album (desktop app)")
    assert (db_dir / LOCK_FILE).is_file()


def test_reentrant_within_a_process_and_counted(db_dir: Path) -> None:
    first, second = WriterLock(db_dir), WriterLock(db_dir)
    first.acquire(wait=False)
    second.acquire(wait=False)  # the same process: no deadlock with its own flock
    assert first.held and second.held
    first.release()
    assert second.held and not other_process_can_take(db_dir)  # one holder left: still locked
    second.release()
    assert not first.held and other_process_can_take(db_dir)
    with pytest.raises(RuntimeError):
        first.release()


def test_a_killed_holder_leaves_the_library_unlocked(db_dir: Path, holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    assert holder.wait(timeout=10) == -signal.SIGKILL
    lock = WriterLock(db_dir)
    stale = lock.holder()  # the file still names the dead process…
    assert stale is not None and stale.pid == holder.pid
    with lock.hold(wait=False):  # …but the kernel dropped its lock
        me = lock.holder()
        assert me is not None and me.pid == os.getpid()


def test_cancel_ends_the_wait(db_dir: Path, holder: subprocess.Popen[str]) -> None:
    cancel, waiting = threading.Event(), threading.Event()
    told: list[LockHolder | None] = []
    outcome: list[BaseException | None] = []

    def on_wait(who: LockHolder | None) -> None:
        told.append(who)
        waiting.set()

    def wait_for_lock() -> None:
        try:
            WriterLock(db_dir).acquire(on_wait=on_wait, cancel=cancel)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=wait_for_lock)
    thread.start()
    assert waiting.wait(10)
    cancel.set()
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], WaitCancelled)
    assert [h.pid if h else None for h in told] == [holder.pid]
    assert not WriterLock(db_dir).held


class CountingEvent(threading.Event):
    """A real cancel event that also counts the waiter's polls, and lets the holder go after a few."""

    def __init__(self, release_after: int, holder: subprocess.Popen[str]) -> None:
        super().__init__()
        self.polls = 0
        self.release_after = release_after
        self.holder = holder

    def wait(self, timeout: float | None = None) -> bool:
        self.polls += 1
        if self.polls == self.release_after:
            stop(self.holder)
        return super().wait(timeout)


def test_on_wait_is_told_once_however_long_the_wait(db_dir: Path, holder: subprocess.Popen[str]) -> None:
    told: list[LockHolder | None] = []
    polls = CountingEvent(release_after=3, holder=holder)
    lock = WriterLock(db_dir)
    lock.acquire(on_wait=told.append, cancel=polls)
    try:
        assert polls.polls >= 3  # it really waited through several polls
        assert len(told) == 1 and told[0] is not None
        assert (told[0].pid, told[0].command) == (holder.pid, HOLDER_COMMAND)
    finally:
        lock.release()
