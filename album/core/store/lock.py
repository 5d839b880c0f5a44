"""The library's writer lock: one process writes to a library at a time; readers never wait.

LanceDB commits are atomic, but two writers that both decide "this file is new" insert it twice, and
two commits racing on one table can fail with a conflict. So every process that writes (``album
index``, the desktop app while it imports or edits people, a migration) first takes an exclusive
``flock`` on ``<library>/writer.lock``. The lock file also says who holds it (pid, command, since
when), so the one that waits can tell the user what it waits for. The kernel drops the lock when
the holder exits, even by SIGKILL, so a crash never leaves a library locked.

``flock`` locks belong to an open file, and two opens in one process would block each other; one
shared, counted handle per lock file makes the lock re-entrant within a process (the app's import
and a people edit in the same window share it; within the process the store serialises writes).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK_FILE = "writer.lock"
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class LockHolder:
    """Who holds a library's writer lock, as it wrote itself into the lock file."""

    pid: int
    command: str
    since: datetime

    def describe(self) -> str:
        return f"{self.command} (pid {self.pid}, since {self.since:%Y-%m-%d %H:%M:%S})"


class LibraryBusy(Exception):
    """Another process is writing to the library and the caller chose not to wait."""

    def __init__(self, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another album process"
        super().__init__(f"the library is being changed by {who}; try again when it has finished")
        self.holder = holder


class WaitCancelled(Exception):
    """The wait for the writer lock was cancelled."""


def current_command() -> str:
    """How this process was started, for the lock file: ``album index ~/Pictures`` or ``album (desktop)``."""
    args = [os.path.basename(sys.argv[0]) or "python", *sys.argv[1:]]
    if args[0] in ("__main__.py", "-m"):
        args[0] = "album"
    return " ".join(args) if len(args) > 1 else f"{args[0]} (desktop app)"


class _Handle:
    """The one open lock file of a process, with how many holders share it."""

    def __init__(self) -> None:
        self.file: IO[str] | None = None
        self.count = 0
        self.mutex = threading.Lock()


_HANDLES: dict[str, _Handle] = {}
_HANDLES_MUTEX = threading.Lock()


class WriterLock:
    """The exclusive writer lock of one library directory.

    Args:
        db_dir: the library's database directory.
        command: what to tell a waiting process this one is doing.
    """

    def __init__(self, db_dir: Path, command: str | None = None) -> None:
        self.path = db_dir / LOCK_FILE
        self.command = command or current_command()
        with _HANDLES_MUTEX:
            self._handle = _HANDLES.setdefault(os.path.realpath(self.path), _Handle())

    def holder(self) -> LockHolder | None:
        """Who holds (or last held) the lock, from the lock file; None if unknown."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            return LockHolder(int(data["pid"]), str(data["command"]), datetime.fromisoformat(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._handle.count > 0

    def acquire(
        self,
        wait: bool = True,
        on_wait: Callable[[LockHolder | None], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        """Take the lock. If another process holds it: wait (telling ``on_wait`` once, with who holds
        it) until it is free or ``cancel`` is set, or with ``wait=False`` raise :class:`LibraryBusy`.

        Raises:
            LibraryBusy: ``wait`` is False and another process holds the lock.
            WaitCancelled: ``cancel`` was set while waiting.
        """
        handle = self._handle
        with handle.mutex:
            if handle.count > 0:
                handle.count += 1
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115  (kept open while held)
            told = False
            try:
                while True:
                    try:
                        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if not wait:
                            raise LibraryBusy(self.holder()) from None
                        if not told and on_wait is not None:
                            on_wait(self.holder())
                        told = True
                        if cancel is not None and cancel.wait(POLL_SECONDS):
                            raise WaitCancelled() from None
                        if cancel is None:
                            time.sleep(POLL_SECONDS)
            except BaseException:
                file.close()
                raise
            since = datetime.now().isoformat(timespec="seconds")
            text = json.dumps({"pid": os.getpid(), "command": self.command, "since": since})
            try:  # unbuffered, so a failed write leaves nothing for close() to fail on again
                os.ftruncate(file.fileno(), 0)
                os.pwrite(file.fileno(), text.encode("utf-8"), 0)
            except OSError as exc:  # a full disk: the lock holds all the same, only who holds it is unsaid
                log.warning("could not say who holds %s: %s", self.path, exc)
            handle.file, handle.count = file, 1

    def release(self) -> None:
        handle = self._handle
        with handle.mutex:
            if handle.count == 0:
                raise RuntimeError("release() of a writer lock that is not held")
            handle.count -= 1
            if handle.count == 0 and handle.file is not None:
                fcntl.flock(handle.file.fileno(), fcntl.LOCK_UN)
                handle.file.close()
                handle.file = None

    @contextmanager
    def hold(
        self,
        wait: bool = True,
        on_wait: Callable[[LockHolder | None], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[None]:
        """``with lock.hold(): ...`` — see :meth:`acquire`."""
        self.acquire(wait, on_wait, cancel)
        try:
            yield
        finally:
            self.release()
