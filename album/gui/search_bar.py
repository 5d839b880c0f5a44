"""The search box: typed text is understood as you type and shown as removable chips.

The bar always says what the grid shows: the chips of the typed query, or a context chip when the
grid shows something no text typed (a person opened from People, photos similar to one photo).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from album.core.library import InvalidQuery, PlaceFilter, Query, QueryProblem, Source, without_sources
from album.core.records import (
    CameraContains,
    Described,
    Keyworded,
    Labelled,
    Rated,
    Reason,
    Similarity,
    Tagged,
    TakenBetween,
    TakenIn,
    TakenNear,
    Without,
    WithPeople,
)
from album.gui.texts import date_text

PARSE_DELAY_MS = 250  # debounce: parse when typing pauses
SEARCH_DELAY_MS = 700  # a pause this long searches, if the query is worth it (see worth_searching)
MIN_TEXT_WEIGHT = 4  # free text searched on a pause: 4 letters, or 2 Chinese characters


def text_weight(text: str) -> int:
    """How much a free text says: a letter or digit counts 1, a CJK character 2 (one is about a word)."""
    return sum(2 if "\u3400" <= ch <= "\u9fff" else 1 for ch in text if ch.isalnum())


def worth_searching(query: Query) -> bool:
    """Whether a pause in typing should search for ``query`` (Enter always searches).

    A filter (person, date, place, camera, tag, exclusion) is only made from a complete match, a
    whole known name or a date phrase, so it is worth showing at once. Free text is different: CLIP
    ranks the whole library for any string, so a word still being typed ("Ni", "sun") replaces the
    grid with unrelated photos. Free text therefore searches on a pause only when it weighs at least
    MIN_TEXT_WEIGHT (:func:`text_weight`: "dogs", "海滩"; not "Ni", "dog" or "海", which need Enter).
    An empty box searches: it goes back to every photo.
    """
    text = query.text.strip()
    return not text or text_weight(text) >= MIN_TEXT_WEIGHT


def label(kind: str, value: str) -> str:
    """A filter as its chip (and the reason a photo matched) says it, in the UI's language."""
    names = {
        "person": QCoreApplication.translate("SearchBar", "Person: {}"),
        "date": QCoreApplication.translate("SearchBar", "Date: {}"),
        "place": QCoreApplication.translate("SearchBar", "Place: {}"),
        "camera": QCoreApplication.translate("SearchBar", "Camera: {}"),
        "tag": QCoreApplication.translate("SearchBar", "Tag: {}"),
        "keyword": QCoreApplication.translate("SearchBar", "Your tag: {}"),  # a keyword the user gave in another app
        "rating": QCoreApplication.translate("SearchBar", "Rating: {}"),
        "label": QCoreApplication.translate("SearchBar", "Label: {}"),
        "exclude": QCoreApplication.translate("SearchBar", "Not: {}"),
        "favourite": QCoreApplication.translate("SearchBar", "Favourites"),
        "album": QCoreApplication.translate("SearchBar", "Album: {}"),
    }
    return names[kind].format(value)


def _dates(date_from: date | None, date_to: date | None, from_hour: int | None = None,
           to_hour: int | None = None) -> str:  # fmt: skip
    """A date range as a person says it, in the locale's format: a whole year as the year ("2023"), a whole
    month as the month ("June 2023", "2023年6月"), one day as that day, else its two ends ("6/1/2023 –
    8/31/2023", "2023/6/1 – 2023/8/31"), with the hours of an eve ("12/24/2021 17:00 – 12/25/2021 04:00").
    (Every "photos from 1850" chip said "1/1/1850 – 12/31/1850".)"""
    if date_from is not None and date_to is not None and from_hour is None and to_hour is None:
        whole_month = date_from.day == 1 and (date_to + timedelta(days=1)).day == 1
        if date_from == date_to:
            return date_text(date_from)
        if whole_month and (date_from.month, date_to.month) == (1, 12) and date_from.year == date_to.year:
            return QCoreApplication.translate("SearchBar", "{year}", "a whole year").format(year=date_from.year)
        if whole_month and (date_from.year, date_from.month) == (date_to.year, date_to.month):
            pattern = QCoreApplication.translate("SearchBar", "MMMM yyyy", "a whole month, as QDate writes it")
            return QLocale().toString(QDate(date_from.year, date_from.month, 1), pattern)

    def end(day: date | None, hour: int | None) -> str:
        if day is None:
            return "…"
        return date_text(day) + (f" {hour:02d}:00" if hour is not None else "")

    return f"{end(date_from, from_hour)} – {end(date_to, to_hour)}"


def colour_name(colour: str) -> str:
    """A colour label in the UI's language (the five that Lightroom, digiKam and darktable give; others as written)."""
    names = {
        "red": QCoreApplication.translate("SearchBar", "Red"),
        "yellow": QCoreApplication.translate("SearchBar", "Yellow"),
        "green": QCoreApplication.translate("SearchBar", "Green"),
        "blue": QCoreApplication.translate("SearchBar", "Blue"),
        "purple": QCoreApplication.translate("SearchBar", "Purple"),
    }
    return names.get(colour.lower(), colour)


def stars_text(rating_min: int | None, rejected: bool) -> str:
    """A rating filter in words: "★★★★ or more", "Rejected"."""
    if rejected:
        return QCoreApplication.translate("SearchBar", "Rejected")
    return QCoreApplication.translate("SearchBar", "{} or more").format("★" * (rating_min or 0) or "0")


def chips_of(query: Query) -> list[tuple[str, str, str]]:
    """(kind, value, label) for every understood part of a query, in the order the bar shows them."""
    chips = [("person", p) for p in query.people]
    chips += [("album", a) for a in query.albums]
    if query.favourite:
        chips.append(("favourite", ""))
    if query.date_from or query.date_to:
        chips.append(("date", _dates(query.date_from, query.date_to, query.from_hour, query.to_hour)))
    if query.place is not None:
        name = place_name(query.place)
        radius = f" ({query.place.radius_km:g} km)" if query.place.radius_km and not query.place.country else ""
        chips.append(("place", f"{name}{radius}"))
    if query.camera:
        chips.append(("camera", query.camera))
    chips += [("tag", t) for t in query.tags]
    chips += [("keyword", k) for k in query.keywords]
    if query.rating_min is not None or query.rejected:
        chips.append(("rating", stars_text(query.rating_min, query.rejected)))
    if query.label:
        chips.append(("label", colour_name(query.label)))
    chips += [("exclude", x) for x in query.exclude]
    return [(kind, value, label(kind, value)) for kind, value in chips]


def place_name(place: PlaceFilter) -> str:
    """A place as the UI's language names it ("瓦伦西亚, 西班牙" for a Chinese UI, where known)."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    return (chinese and place.name_zh) or place.name or place.country or f"{place.lat:.3f}, {place.lon:.3f}"


def with_place(query: Query, choice: PlaceFilter) -> Query:
    """``query`` with the place it names replaced by one of its alternatives (which the others, and the
    first choice, stay alternatives to)."""
    assert query.place is not None
    first = dataclasses.replace(query.place, alternatives=())
    others = tuple(p for p in (first, *query.place.alternatives) if p != choice)
    return dataclasses.replace(query, place=dataclasses.replace(choice, alternatives=others))


RegionNames = Callable[[str | None, str], Sequence[str]]
"""``(region, country) → names``: stored (English) names in the UI's language."""


def reason_labels(reasons: Sequence[Reason], region_names: RegionNames | None = None) -> list[str]:
    """Why a photo matched, in the UI's language and the chips' words (the CLI says it in English)."""
    labels: list[str] = []
    for reason in reasons:
        match reason:
            case Similarity(score):
                labels.append(QCoreApplication.translate("SearchBar", "Similarity {:.2f}").format(score))
            case TakenBetween(date_from, date_to, from_hour, to_hour):
                labels.append(label("date", _dates(date_from, date_to, from_hour, to_hour)))
            case TakenNear(name, lat, lon, radius_km, name_zh):
                named = place_name(PlaceFilter(name, lat, lon, radius_km, name_zh=name_zh))
                labels.append(label("place", f"{named} ({radius_km:g} km)"))
            case TakenIn(country, region):
                names = region_names(region, country) if region_names else [n for n in (region, country) if n]
                labels.append(label("place", ", ".join(names)))
            case CameraContains(text):
                labels.append(label("camera", text))
            case Tagged(tags):
                labels += [label("tag", tag) for tag in tags]
            case WithPeople(names):
                labels += [label("person", name) for name in names]
            case Without(terms):
                labels += [label("exclude", term) for term in terms]
            case Keyworded(keywords):
                labels += [label("keyword", keyword) for keyword in keywords]
            case Rated(minimum, rejected):
                labels.append(label("rating", stars_text(minimum, rejected)))
            case Labelled(colour):
                labels.append(label("label", colour_name(colour)))
            case Described(text):
                written = QCoreApplication.translate("SearchBar", "In your title, caption or tags: {}")
                labels.append(written.format(text))
    return labels


def problem_text(error: InvalidQuery) -> str:
    """Why a search cannot run, in the UI's language (the CLI prints the core's English sentence)."""
    translate = QCoreApplication.translate
    number = QLocale().toString
    params = error.params
    match error.problem:
        case QueryProblem.DISTANCE:
            text = translate("SearchBar", "A distance must be a number of km between 0 and {max_km}.")
            return text.format(max_km=number(round(params["max_km"])))
        case QueryProblem.LATITUDE:
            return translate("SearchBar", "A latitude must be between -90 and 90.")
        case QueryProblem.LONGITUDE:
            return translate("SearchBar", "A longitude must be between -180 and 180.")
        case QueryProblem.YEAR:
            text = translate("SearchBar", "Dates must be between {first} and {last}, not {year}.")
            return text.format(first=int(params["first"]), last=int(params["last"]), year=int(params["year"]))
        case QueryProblem.TOO_LONG:
            text = translate("SearchBar", "A search can be at most {count} characters long.")
            return text.format(count=number(int(params["max_chars"])))
        case QueryProblem.EMPTY_NAME:
            return translate("SearchBar", "A person's name cannot be empty.")
        case QueryProblem.NOT_UTF8:
            return translate("SearchBar", "The search is not valid Unicode text.")
        case QueryProblem.LIMIT:
            return translate("SearchBar", "A limit must be at least 1.")
        case QueryProblem.RATING:
            text = translate("SearchBar", "A rating is between 0 and {max_stars} stars.")
            return text.format(max_stars=int(params["max_stars"]))
    return str(error)  # a problem added to the core before its translation: still one sentence


def without(query: Query, kind: str, value: str) -> Query:
    """``query`` minus one chip."""
    if kind == "person":
        keep = [i for i, p in enumerate(query.people) if p != value]
        ids = tuple(p for i, p in enumerate(query.person_ids) if i in keep)
        return dataclasses.replace(query, people=tuple(query.people[i] for i in keep), person_ids=ids)
    if kind == "date":
        return dataclasses.replace(query, date_from=None, date_to=None, from_hour=None, to_hour=None)
    if kind == "place":
        return dataclasses.replace(query, place=None)
    if kind == "camera":
        return dataclasses.replace(query, camera=None)
    if kind == "tag":
        return dataclasses.replace(query, tags=tuple(t for t in query.tags if t != value))
    if kind == "keyword":
        return dataclasses.replace(query, keywords=tuple(k for k in query.keywords if k != value))
    if kind == "rating":
        return dataclasses.replace(query, rating_min=None, rejected=False)
    if kind == "label":
        return dataclasses.replace(query, label=None)
    if kind == "favourite":
        return dataclasses.replace(query, favourite=False)
    if kind == "album":
        return dataclasses.replace(query, albums=tuple(a for a in query.albums if a != value))
    return dataclasses.replace(query, exclude=tuple(x for x in query.exclude if x != value),
                               exclude_tags=tuple(t for t in query.exclude_tags if t != value))  # fmt: skip


def only(query: Query, kind: str, value: str) -> Query:
    """Just one chip of ``query``, as a query of its own (its explicit syntax is what the chip edits)."""
    if kind == "person":
        return Query(people=(value,))
    if kind == "date":
        return Query(date_from=query.date_from, date_to=query.date_to, from_hour=query.from_hour, to_hour=query.to_hour)
    if kind == "place":
        return Query(place=query.place)
    if kind == "camera":
        return Query(camera=query.camera)
    if kind == "tag":
        return Query(tags=(value,))
    if kind == "keyword":
        return Query(keywords=(value,))
    if kind == "rating":
        return Query(rating_min=query.rating_min, rejected=query.rejected)
    if kind == "label":
        return Query(label=query.label)
    if kind == "favourite":
        return Query(favourite=True)
    if kind == "album":
        return Query(albums=(value,))
    return Query(exclude_tags=(value,)) if value in query.exclude_tags else Query(exclude=(value,))


def completion_prefix(text: str, suggestions: Sequence[str]) -> str:
    """The end of ``text`` that the user is typing a name for: the last word, or for Chinese (no
    spaces) the longest tail that starts some suggestion ("我和小" → "小" when "小明" is a name)."""
    word = text.rsplit(" ", 1)[-1]
    if word.isascii():
        return word
    lowered = [s.casefold() for s in suggestions]
    for start in range(len(word)):
        tail = word[start:].casefold()
        if any(s.startswith(tail) for s in lowered):
            return word[start:]
    return ""


class Chip(QFrame):
    """One understood part of the query: click the text to edit it, ✕ to remove it."""

    def __init__(self, kind: str, label: str, parent: QWidget, picture: QPixmap | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chip-{kind}")
        self.setProperty("chip", True)  # its look: album.gui.styles
        self.text_button = QPushButton(label, self)
        if picture is not None and not picture.isNull():
            side = self.text_button.fontMetrics().height()  # as tall as the text: every chip has one height,
            self.text_button.setIcon(QIcon(picture))  # so a person's face does not push the grid down
            self.text_button.setIconSize(QSize(side, side))
        self.text_button.setToolTip(self.tr("Edit this filter"))
        self.remove_button = QPushButton("✕", self)
        self.remove_button.setObjectName("remove")
        self.remove_button.setToolTip(self.tr("Remove this filter"))
        self.remove_button.setAccessibleName(self.remove_button.toolTip())  # a screen reader would say "✕"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.text_button)
        layout.addWidget(self.remove_button)


class SearchBar(QWidget):
    """A line edit plus a row of chips, with completion of people, places and tags as you type.

    Args:
        parse: the library's parser (``text → Query``, with its people and whereabouts), so the bar
            understands text exactly as ``album parse`` does; it must be fast (it runs as you type).
        to_syntax: the library's ``Query → text`` in the explicit syntax (for editing a chip).
        check: raises :class:`InvalidQuery` for a query the library would refuse (``Library.check``):
            such a query is not searched for; a red line under the box says why, in the UI's language.

    Signals:
        search(Query): the user pressed Enter, paused typing on a query worth searching
            (:func:`worth_searching`) or removed a chip; never for a query ``check`` refuses.
    """

    search = Signal(object)

    def __init__(
        self,
        parse: Callable[[str], Query],
        to_syntax: Callable[[Query], str],
        check: Callable[[Query], None] = lambda _query: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.parse = parse
        self.to_syntax = to_syntax
        self.check = check
        self.query = Query()
        self.place_menu: QMenu | None = None  # the other places a place chip's name could mean, while shown
        self.problem: InvalidQuery | None = None  # why the text cannot be searched for, if it cannot
        self.context: tuple[str, str, QPixmap | None] | None = None  # (kind, label, picture): see show_context
        self._text_before_context = ""
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(2000)  # the longest search the core takes (a pasted novel is not a search)
        self.edit.setClearButtonEnabled(True)
        self.retranslate()
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)
        self.chip_row = QHBoxLayout()
        self.chip_row.addStretch(1)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("search-problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem_label)
        layout.addLayout(self.chip_row)
        self._parse_timer = QTimer(self, singleShot=True, interval=PARSE_DELAY_MS)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._parse_timer.timeout.connect(self.parse_now)
        self._search_timer.timeout.connect(self._paused)
        self.edit.textEdited.connect(self._typed)
        self.edit.returnPressed.connect(self._enter)


    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("Search: “Anna at the beach in summer 2023”, “有小狗的照片”, or drop a photo here")
        )
        self.edit.setAccessibleName(self.tr("Search"))
        for clear in self.edit.findChildren(QToolButton):  # the field's own ✕
            clear.setAccessibleName(self.tr("Clear search"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
    def set_suggestions(self, words: Sequence[str]) -> None:
        """What to complete: the library's people, places and tags."""
        self.suggestions.setStringList(sorted(set(words), key=str.casefold))

    def _typed(self) -> None:
        if self.context is not None:  # typing starts a search of its own
            self.context = None
            self._show_chips()
        self._parse_timer.start()
        self._search_timer.start()
        self._complete()

    def _complete(self) -> None:
        before_cursor = self.edit.text()[: self.edit.cursorPosition()]
        prefix = completion_prefix(before_cursor, self.suggestions.stringList())
        if len(prefix) < (1 if not prefix.isascii() else 2):
            self._hide_popup()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0 or self.completer.currentCompletion().casefold() == prefix.casefold():
            self._hide_popup()
            return
        self.completer.complete()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def insert_completion(self, completion: str) -> None:
        """Replace the word being typed with the chosen name."""
        cursor = self.edit.cursorPosition()
        text = self.edit.text()
        start = cursor - len(self.completer.completionPrefix())
        self.edit.setText(f"{text[:start]}{completion} {text[cursor:].lstrip()}")
        self.edit.setCursorPosition(start + len(completion) + 1)
        self._typed()

    def _enter(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # Enter picked a completion
        if self.context is not None:  # Enter searches the text in the box, not the context any more
            self.context = None
        self._search_timer.stop()
        self.parse_now()
        self._emit_search()

    def parse_now(self) -> Query:
        """Parse and check the text (fast: well under a millisecond), redraw the chips and say what is wrong.

        A query the library refuses keeps its chips (the user can edit or remove the wrong one), but
        is not searched for; text that cannot be parsed at all shows no chips."""
        self.query, problem = Query(), None
        try:
            self.query = self.parse(self.edit.text())
            self.check(self.query)
        except InvalidQuery as exc:
            problem = exc
        self.show_problem(problem)
        self._show_chips()
        return self.query

    def show_problem(self, problem: InvalidQuery | None) -> None:
        """Say under the box why the search cannot run (None: nothing is wrong)."""
        self.problem = problem
        self.problem_label.setText(problem_text(problem) if problem is not None else "")
        self.problem_label.setVisible(problem is not None)

    def _paused(self) -> None:
        """Typing paused: search if the query says something complete, and not while a name is being
        completed (the popup offers the rest of it)."""
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        if worth_searching(self.parse_now()):
            self._emit_search()

    def _emit_search(self) -> None:
        if self.problem is None:
            self.search.emit(self.query)

    def shutdown(self) -> None:
        """Drop a pending parse or search: the window is closing, and its library with it."""
        self._parse_timer.stop()
        self._search_timer.stop()

    def show_context(self, kind: str, label: str, picture: QPixmap | None = None) -> None:
        """Say what the grid shows when no typed text says it: a person opened from People ("person"),
        photos similar to one ("similar"). The typed text is put aside (removing the chip brings it
        back and searches it again); typing replaces the context with a new search."""
        if self.context is None or self.edit.text():  # text in the box now is what the grid showed
            self._text_before_context = self.edit.text()
        self.context = (kind, label, picture)
        self._parse_timer.stop()
        self._search_timer.stop()
        self.edit.clear()
        self.query = Query()
        self.show_problem(None)
        self._show_chips()

    def set_context_picture(self, picture: QPixmap) -> None:
        """The context chip's picture, once it has loaded (the similar photo's thumbnail)."""
        if self.context is not None:
            self.context = (self.context[0], self.context[1], picture)
            self._show_chips()

    def close_context(self) -> None:
        """Back to what was shown before the context: the text typed then, searched again."""
        if self.context is None:
            return
        self.context = None
        self.edit.setText(self._text_before_context)
        self.parse_now()
        self._emit_search()

    def chips(self) -> list[Chip]:
        items = (self.chip_row.itemAt(i) for i in range(self.chip_row.count() - 1))  # the last is the stretch
        return [w for item in items if item is not None and isinstance(w := item.widget(), Chip)]

    def _show_chips(self) -> None:
        for chip in self.chips():
            chip.deleteLater()
            self.chip_row.removeWidget(chip)
        if self.context is not None:
            kind, text, picture = self.context
            chip = Chip(kind, text, self, picture)
            chip.text_button.setToolTip("")
            chip.remove_button.clicked.connect(self.close_context)
            self.chip_row.insertWidget(self.chip_row.count() - 1, chip)
            return
        for kind, value, label in chips_of(self.query):
            chip = Chip(kind, label, self)
            chip.remove_button.clicked.connect(lambda _checked=False, k=kind, v=value: self._remove(k, v))
            if kind == "place" and self.query.place is not None and self.query.place.alternatives:
                chip.text_button.setToolTip(self.tr("Other places of this name"))
                chip.text_button.clicked.connect(lambda _checked=False, c=chip: self._offer_places(c))
            else:
                chip.text_button.clicked.connect(lambda _checked=False, k=kind, v=value: self.edit_chip(k, v))
            self.chip_row.insertWidget(self.chip_row.count() - 1, chip)

    def _offer_places(self, chip: Chip) -> None:
        """A menu of the other places the name could mean ("Valencia, Venezuela"), and editing the chip."""
        assert self.query.place is not None
        self.place_menu = QMenu(self)
        for place in self.query.place.alternatives:
            action = self.place_menu.addAction(place_name(place))
            action.triggered.connect(lambda _checked=False, p=place: self._choose_place(p))
        self.place_menu.addSeparator()
        edit = self.place_menu.addAction(self.tr("Edit this filter"))
        edit.triggered.connect(lambda _checked=False: self.edit_chip("place", ""))
        self.place_menu.popup(chip.mapToGlobal(chip.rect().bottomLeft()))

    def _choose_place(self, place: PlaceFilter) -> None:
        """Search the chosen place instead: the words that named the place become it in the explicit
        syntax, the rest stays as typed (a query that was not typed is written out whole)."""
        if any(s.kind == "place" for s in self.query.sources):
            self.replace_part("place", self.to_syntax(Query(place=place)))
            return
        self.edit.setText(self.to_syntax(with_place(self.query, place)))
        self.parse_now()
        self._emit_search()

    def sources(self, kind: str, value: str) -> list[Source]:
        """Where the user typed this chip's part (empty for a query that was not typed). Two chips of
        one kind ("Anna and Ben") each own the words that name them."""
        text = self.edit.text()
        mine = [s for s in self.query.sources if s.kind == kind and s.end <= len(text)]
        if len([c for c in chips_of(self.query) if c[0] == kind]) <= 1:
            return mine
        wanted = set(value.casefold().split()) | {value.casefold()}
        return [s for s in mine if wanted & ({text[s.start : s.end].strip().casefold()} |
                                             set(text[s.start : s.end].casefold().split()))]  # fmt: skip

    def _remove(self, kind: str, value: str) -> None:
        """Drop one chip: take its words out of the text, leaving the user's other words as typed."""
        sources = self.sources(kind, value)
        if sources:
            self.edit.setText(without_sources(self.edit.text(), sources))
        else:  # a query not typed here (no words to take out): its explicit syntax, without that part
            self.edit.setText(self.to_syntax(without(self.query, kind, value)))
        self.parse_now()
        self._emit_search()

    def replace_part(self, kind: str, words: str) -> None:
        """Put ``words`` in place of the words of this kind's chips (a suggestion the user clicked:
        "in Porto" for "in Tokyo"), keep the rest as typed, and search."""
        if self.context is not None:
            self.context = None
        text = without_sources(self.edit.text(), [s for s in self.query.sources if s.kind == kind])
        self.edit.setText(f"{text} {words}".strip())
        self.parse_now()
        self._emit_search()

    def edit_chip(self, kind: str, value: str) -> None:
        """Select this chip's words in the text, ready to be typed over; the rest stays as typed."""
        sources = self.sources(kind, value)
        if sources:
            self.edit.setFocus()
            start = min(s.start for s in sources)
            while self.edit.text()[start : start + 1].isspace():
                start += 1
            self.edit.setSelection(start, max(s.end for s in sources) - start)
            return
        full = self.to_syntax(self.query)
        part = self.to_syntax(only(self.query, kind, value))
        self.edit.setText(full)
        self.edit.setFocus()
        start = full.find(part)
        if start >= 0:
            self.edit.setSelection(start, len(part))
