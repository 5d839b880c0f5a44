"""User-interface language: album's own strings (album/resources/i18n) and Qt's dialogs, via QTranslator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from album.resources import translations_dir


def install_translators(app: QCoreApplication, language: str = "") -> list[QTranslator]:
    """Translate the app into ``language`` ("zh_CN", "en", or "" for the system's); returns the translators.

    English is the source language, so it needs no file; a language without a translation stays English.
    """
    locale = QLocale(language) if language else QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, folder in (("album", str(translations_dir())), ("qtbase", qt_dir)):
        translator = QTranslator(app)  # parented to the app: lives as long as it
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(locale)  # month names, dates and numbers in the same language
    return installed
