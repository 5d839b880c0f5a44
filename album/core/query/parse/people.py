"""Known people named in the words: full names, unique first or last names, and "me"/"我"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from album.core.query.model import KnownPerson
from album.core.query.parse.context import ParseContext
from album.core.query.parse.tokens import norm

ME_WORDS = ("me", "myself", "i", "我", "我自己")
ME = KnownPerson("", "me", is_me=True)  # "me"/"我" when the library has not been told who the user is
# 我们 (we), 我的 (my), 我家 (my family), 我国 / 我校 / 我司 (our country / school / firm) do not name the user.
_ME_ZH_NOT = ("们", "的", "家", "国", "校", "司")
_SHOW_ME = re.compile(r"\b(?:show|give|find|get|tell|send)\s+$")  # "show me photos of dogs"


def find_person(word: str, people: Sequence[KnownPerson]) -> KnownPerson | None:
    """The person a single typed name means: "me", a full name, or a first or last name only one has."""
    wanted = norm(word).strip()
    if wanted in ME_WORDS:
        return next((p for p in people if p.is_me), ME)
    exact = [p for p in people if norm(p.name) == wanted]
    if exact:
        return exact[0]
    partial = [p for p in people if any(part == wanted for part in norm(p.name).split())]
    return partial[0] if len(partial) == 1 else None


def take_people(ctx: ParseContext) -> None:
    """Add every known person the rest of the text names, and take their names."""
    for start, end, person in people_spans(ctx.rest, ctx.known_people):
        if person not in ctx.people:
            ctx.people.append(person)
        ctx.take(start, end)


def people_spans(text: str, people: Sequence[KnownPerson]) -> list[tuple[int, int, KnownPerson]]:
    """Where known people are named in ``text``, in order. Longer names are matched first, so "Anna
    Maria" is one person even when "Anna" is another."""
    folded = norm(text)
    spans: list[tuple[int, int, KnownPerson]] = []
    for name, person in sorted(_names(people), key=lambda c: -len(c[0])):
        cjk = not name.isascii()
        # Latin names need word boundaries against Latin letters only: "2019年Anna在" is three words.
        pattern = re.escape(name) if cjk else r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])"
        for match in re.finditer(pattern, folded):
            if name == "i" or any(match.start() < e and s < match.end() for s, e, _ in spans):
                continue
            if name == "我" and folded[match.end() : match.end() + 1] in _ME_ZH_NOT:
                continue
            end = match.end()
            if not cjk and folded[end : end + 2] in ("'s", "’s"):
                end += 2  # "Anna's birthday": the possessive goes with the name
            if name == "me" and _SHOW_ME.search(folded[: match.start()]):
                continue
            spans.append((match.start(), end, person))
    return sorted(spans, key=lambda s: s[0])


def _names(people: Sequence[KnownPerson]) -> list[tuple[str, KnownPerson]]:
    """Every folded name that means one person: full names, first or last names no one else has, and
    the words for "me" (for the person marked as the user, else for :data:`ME`)."""
    names: list[tuple[str, KnownPerson]] = []
    for person in people:
        name = norm(person.name)
        names.append((name, person))
        parts = name.split()
        for part in parts if len(parts) > 1 else []:
            if sum(part in norm(p.name).split() for p in people) == 1:
                names.append((part, person))
        if person.is_me:
            names += [(word, person) for word in ME_WORDS]
    if not any(p.is_me for p in people):
        names += [(word, ME) for word in ME_WORDS]
    return names
