"""Moving photos to the system trash: the only way album ever removes a user's file, and only when asked.

The files go to the desktop's own trash (``send2trash``: the freedesktop.org Trash on Linux), so the user
can put them back from the file manager. The library then forgets them the way it forgets a file that
vanished: their faces stay as tombstones for a while, so a photo restored from the trash gets its names back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from album.core.records import Photo, TrashReport

if TYPE_CHECKING:
    from album.core.store.db import Store

log = logging.getLogger(__name__)


def trash_photos(store: Store, photos: Sequence[Photo]) -> TrashReport:
    """Move ``photos``' files to the system trash and forget them; a file that cannot go stays, named
    with one sentence in the report. A file already gone is forgotten too."""
    from send2trash import send2trash

    trashed: list[Photo] = []
    failed: list[tuple[str, str]] = []
    for photo in photos:
        try:
            send2trash(os.fsencode(photo.path))
            trashed.append(photo)
        except FileNotFoundError:
            trashed.append(photo)
        except OSError as exc:
            log.warning("cannot trash %s: %s", photo.path, exc)
            failed.append((photo.path, f"It could not be moved to the Trash ({exc.strerror or exc})."))
    store.delete_photos([p.id for p in trashed])
    return TrashReport(tuple(p.path for p in trashed), tuple(failed))
