"""NOT terms in the words: "without Ben", "no screenshots", "不要小明", "除了猫".

A NOT term is taken only when it names a known person or a tag, the two things album can filter out;
"a photo with no people" stays free text, which CLIP understands better than a filter could.
"""

from __future__ import annotations

import re

from album.core.query.parse.context import ParseContext
from album.core.query.parse.people import find_person
from album.core.query.parse.tags import tag_key

_EXCLUDE_EN = re.compile(r"\b(?:without|except|excluding|but not|not|no)\s+(?P<x>[^\s,，。]+(?:\s+[^\s,，。]+)?)",
                         re.IGNORECASE)  # fmt: skip
_EXCLUDE_ZH = re.compile(r"(?:不要|没有|不含|除了|不包括)\s*(?:(?P<x>[\u4e00-\u9fff]{1,6}?)(?=的|$|[\s,，。])"
                         r"|(?P<latin>[A-Za-z][A-Za-z .'-]{0,30}?)\s*(?=的|$|[\s,，。]|[\u4e00-\u9fff]))")  # fmt: skip


def take_exclusions(ctx: ParseContext) -> None:
    """Exclude the people and tags the rest of the text says NOT to, and take those words.

    The English pattern reads up to two words ("without Anna Schmidt"), so a person or tag is looked
    for in both words and in the first alone ("without Ben at the beach").
    """
    for pattern in (_EXCLUDE_EN, _EXCLUDE_ZH):
        for match in pattern.finditer(ctx.rest):
            words = match["x"] or match.groupdict().get("latin") or ""
            first = words.split()[0]
            person = find_person(words, ctx.known_people) or find_person(first, ctx.known_people)
            tag = tag_key(words, ctx.vocabulary) or tag_key(first, ctx.vocabulary)
            tag = tag or tag_key(words.rstrip("s"), ctx.vocabulary)
            if person is None and tag is None:
                continue
            ctx.exclude.append(person.name if person else words)
            if person:
                ctx.exclude_people.append(person)
            if tag:
                ctx.exclude_tags.append(tag)
            ctx.take(match.start(), match.end())
