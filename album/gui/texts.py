"""Dates, durations and the core's English notes as the UI says them, in its language.

The core hands the GUI plain values (``datetime``, seconds, a model's English note); this module is the
one place that turns them into words through :class:`QLocale` and Qt's translations, so a date reads
"10 February 2023" in English and "2023年2月10日" in Chinese wherever it is shown.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDir, QLocale, QStandardPaths, QTime

from album.core.records import FILE_TIME_SOURCES, Photo

translate = QCoreApplication.translate  # lupdate finds translate("Texts", ...) calls by this name


def date_text(day: date, long: bool = False) -> str:
    """A day in the locale's own format: short ("6/1/2023", "01/06/2023", "2023/6/1") or long. The short
    form always has four-digit years: "1/1/50" cannot tell 1850 from 1950."""
    locale = QLocale()
    if long:
        return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def moment_text(moment: datetime, offset_min: int | None = None, long: bool = False) -> str:
    """A camera's wall-clock time in the locale's format, with ``+02:00`` when its offset is known."""
    clock = QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    offset = ""
    if offset_min is not None:
        sign = "+" if offset_min >= 0 else "-"
        offset = f" {sign}{abs(offset_min) // 60:02d}:{abs(offset_min) % 60:02d}"
    return f"{date_text(moment.date(), long)} {clock}{offset}"


def taken_text(photo: Photo, long: bool = True) -> str:
    """When ``photo`` was taken; a date that is only the file's (the photo carries none) says so, since
    a copy or an edit changes it."""
    if photo.taken_at is None:
        return translate("Texts", "unknown")
    when = moment_text(photo.taken_at, photo.tz_offset_min, long)
    if photo.date_source in FILE_TIME_SOURCES:
        return translate("Texts", "{when} (the file's date: the photo has none of its own)").format(when=when)
    return when


def duration_text(seconds: float) -> str:
    """A time left as a person says it: "40 s", "12 min", "1.5 h"."""
    if seconds < 90:
        return translate("Texts", "{n} s").format(n=f"{seconds:.0f}")
    if seconds < 5400:
        return translate("Texts", "{n} min").format(n=f"{seconds / 60:.0f}")
    return translate("Texts", "{n} h").format(n=f"{seconds / 3600:.1f}")


MIN_ETA_SECONDS = 10
"""Below this, an estimate would say "about 0 s left": the status says "almost done" instead."""


def time_left_text(seconds: float | None) -> str:
    """What the status bar says about the time left; "" while too little is done to estimate it."""
    if seconds is None:
        return ""
    if seconds < MIN_ETA_SECONDS:
        return translate("Texts", "almost done")
    return translate("Texts", "about {duration} left").format(duration=duration_text(seconds))


_NOTES = (  # the core's English notes and licences of models (registry.py, faces.py)
    QT_TRANSLATE_NOOP("Texts", "added by hand"),
    QT_TRANSLATE_NOOP("Texts", "see the model's folder"),
    QT_TRANSLATE_NOOP("Texts", "default: English, Chinese and ~100 more languages; ViT-B/32 image cost"),
    QT_TRANSLATE_NOOP("Texts", "English only; the same image cost as the default"),
    QT_TRANSLATE_NOOP("Texts", "more accurate, multilingual; about 4x slower to index"),
    QT_TRANSLATE_NOOP("Texts", "downloads on first use (~280 MB)"),
    QT_TRANSLATE_NOOP("Texts", "detector + recogniser"),
    QT_TRANSLATE_NOOP("Texts", "code Apache-2.0; trained on MS-Celeb-1M (research terms)"),
    QT_TRANSLATE_NOOP("Texts", "insightface model zoo: non-commercial research use only"),
)  # fmt: skip
MODEL_NOTES: tuple[str, ...] = tuple(sorted((str(n) for n in _NOTES), key=len, reverse=True))  # longest first


def model_note(note: str) -> str:
    """A model's note or licence (the core's English) in the UI's language. The known texts are said
    wherever they occur (a face pair's licence joins its models' with "; "); the rest stays as the
    core wrote it."""
    for known in MODEL_NOTES:  # longest first: a shorter one is never a part of a longer one said
        if known in note:
            note = note.replace(known, translate("Texts", known))
    return note


def pictures_folder() -> str:
    """Where a folder dialog starts: the user's Pictures folder (XDG, Windows, macOS), else home; never
    the working folder the app happened to be started from."""
    for location in (QStandardPaths.StandardLocation.PicturesLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and QDir(folder).exists():
            return folder
    return QDir.homePath()
