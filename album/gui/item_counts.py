"""How many photos and videos, as a person reads it: "11 photos", "10 photos, 1 video", "3 videos".

A library holds videos beside photos; a count that calls a video a photo ("11 photos" for ten photos and
a clip) is wrong where the user can see the clip. Every count of items the window shows goes through
:func:`items_text`, with the number of videos the store's ``kind`` column gave (never by building records).
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class ItemCounts(QObject):
    """The count's words in the UI's language (a QObject for ``self.tr``'s plural forms, which lupdate
    reads from ``self.tr(text, "", n)`` calls only)."""

    def text(self, items: int, videos: int) -> str:
        photos = items - videos
        if videos == 0:
            return self.tr("%Ln photo(s)", "", photos)
        said_videos = self.tr("%Ln video(s)", "", videos)
        if photos == 0:
            return said_videos
        return self.tr("{photos}, {videos}").format(photos=self.tr("%Ln photo(s)", "", photos), videos=said_videos)


def items_text(items: int, videos: int = 0) -> str:
    """``items`` (photos and videos together), ``videos`` of them videos, in words."""
    return ItemCounts().text(items, videos)
