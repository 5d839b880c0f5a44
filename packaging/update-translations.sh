#!/usr/bin/env bash
# Refresh the translation sources from the GUI code, then compile them for Qt.
#   1. pyside6-lupdate collects every self.tr(...) / QCoreApplication.translate(...) string into
#      resources/i18n/album_<lang>.ts (new strings are marked unfinished; removed ones dropped);
#      album_en.ts keeps only plural forms ("%Ln photo(s)" → "1 photo" / "2 photos"): English is the
#      source language, everything else needs no English translation;
#   2. translate the unfinished entries (Qt Linguist: pyside6-linguist resources/i18n/album_zh_CN.ts);
#   3. run this script again: pyside6-lrelease writes the .qm files the app loads (album/resources/i18n, package
#      data; the .ts sources stay in the top-level resources/, which no install ships).
# tests/gui/test_translations.py fails while a string is untranslated or a .qm is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in resources/i18n/album_*.ts; do
    only=()
    [[ "$ts" == */album_en.ts ]] && only=(-pluralonly)
    pyside6-lupdate -no-obsolete "${only[@]}" album/gui/*.py -ts "$ts"
    qm=$(basename "${ts%.ts}.qm")
    pyside6-lrelease "$ts" -qm "album/resources/i18n/$qm"
done
