"""User-interface language: album's own strings (album/resources/i18n) and Qt's dialogs, via QTranslator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from album.resources import translations_dir


def install_translators(app: QCoreApplication, language: str = "") -> list[QTranslator]:
    """Translate the app into ``language`` ("zh_CN", "en", or "" for the system's); returns the translators.

    English is the source language; its file holds only plural forms ("1 photo", "2 photos" for the
    source's "%n photo(s)") and is installed first, under every other language, so a language without a
    translation of its own still reads as proper English.
    """
    locale = QLocale(language) if language else QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    wanted = [(english, "album", str(translations_dir()))]
    if locale.language() != QLocale.Language.English:
        wanted.append((locale, "album", str(translations_dir())))
    wanted.append((locale, "qtbase", qt_dir))
    for language_locale, name, folder in wanted:
        translator = QTranslator(app)  # parented to the app: lives as long as it
        if translator.load(language_locale, name, "_", folder):
            app.installTranslator(translator)  # the last installed is asked first
            installed.append(translator)
    QLocale.setDefault(locale)  # month names, dates and numbers in the same language
    return installed


def switch_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Change the language while album runs: the translators installed before are removed, the new
    ones installed, and Qt sends every widget a LanguageChange event (windows then call their
    ``retranslate``)."""
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()
    return install_translators(app, language)
