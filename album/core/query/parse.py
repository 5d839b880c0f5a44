"""Parsing: one search-box string → :class:`~album.core.query.Query`."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from album.core.geo import Gazetteer
from album.core.models.tags import VOCABULARY
from album.core.query.dates import DateMatch, find_dates
from album.core.query.model import DEFAULT_RADIUS_KM, KnownPerson, PlaceFilter, Query

# -- parsing: one search-box string → Query ------------------------------------------------------------
# Explicit syntax, for power users and for chips: person:"Anna" after:2023-01-01 before:2023-03-31
# near:"Lisbon" km:20 in:Portugal camera:canon tag:dog -tag:screenshot -person:Ben
_TOKEN = re.compile(r'(?P<neg>-)?(?P<key>person|after|before|near|km|in|camera|tag|text):(?:"(?P<q>[^"]*)"|(?P<v>\S+))',
                    re.IGNORECASE)  # fmt: skip
_EN_STOP = {
    "a", "an", "the", "of", "and", "with", "in", "on", "at", "from", "during", "near", "around", "photo", "photos",
    "picture", "pictures", "pics", "pic", "images", "image", "show", "me", "find", "all", "my", "some", "taken",
    "that", "were", "was", "to", "for", "by", "&", ",", "，", "、", "everything", "anything", "any", "our", "we",
    "i", "took", "shot",
}  # fmt: skip
_ZH_EDGE = (  # longest first: "拍的照片" goes whole, "自拍" keeps its 拍
    "拍摄的照片",
    "拍的照片",
    "的照片",
    "的图片",
    "的相片",
    "照片",
    "图片",
    "相片",
    "的",
    "和",
    "与",
    "跟",
    "在",
    "有",
    "拍的",
    "时候",
    "时",
    "期间",
    "我们",
    "一起",
    "假期",
    "以外",
    "之外",
)
_EXCLUDE_EN = re.compile(r"\b(?:without|except|excluding|but not|not|no)\s+(?P<x>[^\s,，。]+(?:\s+[^\s,，。]+)?)",
                         re.IGNORECASE)  # fmt: skip
_EXCLUDE_ZH = re.compile(r"(?:不要|没有|不含|除了|不包括)\s*(?:(?P<x>[\u4e00-\u9fff]{1,6}?)(?=的|$|[\s,，。])"
                         r"|(?P<latin>[A-Za-z][A-Za-z .'-]{0,30}?)\s*(?=的|$|[\s,，。]|[\u4e00-\u9fff]))")  # fmt: skip
_KM = re.compile(r"\bwithin\s+(?P<km>\d+(?:\.\d+)?)\s*(?:km|kilometers|kilometres)\s+(?:of|from)\s+", re.IGNORECASE)
# The name is in a lookahead so "in near Lisbon" still finds "near Lisbon".
_PLACE_EN = re.compile(r"\b(?P<prep>in|near|at|around|of|from|to|visiting)\s+"
                       r"(?=(?P<name>[^\s,，。]+(?:\s+[^\s,，。]+){0,3}))", re.IGNORECASE)  # fmt: skip
_PLACE_ZH = re.compile(r"(?:在|去|到)(?P<name>[\u4e00-\u9fff]{2,8})|(?P<near>[\u4e00-\u9fff]{2,8}?)附近"
                       r"|(?:^|(?<=\s))(?P<owner>[\u4e00-\u9fff]{2,6}?)的")  # fmt: skip
_CAMERA = re.compile(
    r"\b(?:shot|taken|photographed)\s+(?:on|with)\s+(?:a|an|my)?\s*(?P<a>[\w-]+)|\bwith\s+my\s+(?P<b>[\w-]+)"
    r"|用(?P<c>[\w-]+?)拍(?:的|摄)?", re.IGNORECASE)  # fmt: skip
# Brand words → what cameras write into EXIF (make or model), so "佳能" finds Canon's photos. English
# brand words are understood anywhere ("canon photos of birds"); Chinese ones, which double as ordinary
# words (三星堆, 小米粥), only in "用X拍" or before 相机/手机.
CAMERA_BRANDS = {
    "canon": "Canon", "佳能": "Canon", "nikon": "Nikon", "尼康": "Nikon", "sony": "Sony", "索尼": "Sony",
    "fujifilm": "Fujifilm", "fuji": "Fujifilm", "富士": "Fujifilm", "olympus": "Olympus", "奥林巴斯": "Olympus",
    "panasonic": "Panasonic", "lumix": "Panasonic", "松下": "Panasonic", "leica": "Leica", "徕卡": "Leica",
    "pentax": "Pentax", "宾得": "Pentax", "ricoh": "Ricoh", "理光": "Ricoh", "hasselblad": "Hasselblad",
    "哈苏": "Hasselblad", "gopro": "GoPro", "dji": "DJI", "大疆": "DJI", "iphone": "iPhone", "苹果": "iPhone",
    "pixel": "Pixel", "samsung": "Samsung", "三星": "Samsung", "huawei": "HUAWEI", "华为": "HUAWEI",
    "xiaomi": "Xiaomi", "小米": "Xiaomi", "oppo": "OPPO", "vivo": "vivo", "oneplus": "OnePlus", "一加": "OnePlus",
    "荣耀": "HONOR",
}  # fmt: skip
_BRAND_EN = re.compile(r"(?<![\w-])(?P<brand>" + "|".join(b for b in CAMERA_BRANDS if b.isascii()) + r")(?![\w-])",
                       re.IGNORECASE)  # fmt: skip
_BRAND_ZH = re.compile("(?P<brand>" + "|".join(b for b in CAMERA_BRANDS if not b.isascii()) + ")(?:手机|相机)")
_ANY_CAMERA = {"phone", "cellphone", "smartphone", "mobile", "camera", "手机", "相机", "单反", "数码相机"}
_ME = ("me", "myself", "i", "我", "我自己")
_NEAR = ("near", "around")
_TAKEN_AT = re.compile(r"在(?P<where>[\u4e00-\u9fff]{1,8}?)拍(?:摄)?的")
_NEGATED = re.compile(r"\b(?:not|without|except|excluding|outside(?: of)?)\s*$|(?:除了|不要|不是)\s*$", re.IGNORECASE)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class _Text:
    """The query text with the parts already understood blanked out (positions stay valid)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text)

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.chars[i] = " "

    @property
    def rest(self) -> str:
        return "".join(self.chars)


ME = KnownPerson("", "me", is_me=True)  # "me"/"我" when the library has not been told who the user is


def _find_person(word: str, people: Sequence[KnownPerson]) -> KnownPerson | None:
    wanted = _norm(word).strip()
    if wanted in _ME:
        return next((p for p in people if p.is_me), ME)
    exact = [p for p in people if _norm(p.name) == wanted]
    if exact:
        return exact[0]
    partial = [p for p in people if any(part == wanted for part in _norm(p.name).split())]
    return partial[0] if len(partial) == 1 else None


def _people_spans(text: str, people: Sequence[KnownPerson]) -> list[tuple[int, int, KnownPerson]]:
    """Where known people are named: full names, unique first/last names, and "me"/"我"."""
    folded = _norm(text)
    candidates: list[tuple[str, KnownPerson]] = []
    for person in people:
        name = _norm(person.name)
        candidates.append((name, person))
        parts = name.split()
        for part in parts if len(parts) > 1 else []:
            if sum(part in _norm(p.name).split() for p in people) == 1:
                candidates.append((part, person))
        if person.is_me:
            candidates += [(word, person) for word in _ME]
    if not any(p.is_me for p in people):
        candidates += [(word, ME) for word in _ME]
    spans: list[tuple[int, int, KnownPerson]] = []
    for name, person in sorted(candidates, key=lambda c: -len(c[0])):
        cjk = not name.isascii()
        # Latin names need word boundaries against Latin letters only: "2019年Anna在" is three words.
        pattern = re.escape(name) if cjk else r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])"
        for match in re.finditer(pattern, folded):
            if name == "i" or any(match.start() < e and s < match.end() for s, e, _ in spans):
                continue
            if name == "我" and folded[match.end() : match.end() + 1] in ("们", "的", "家", "国", "校", "司"):
                continue  # 我们 (we), 我的 (my), 我家 (my family), 我国 / 我校 / 我司 (our country / school / firm)
            end = match.end()
            if not cjk and folded[end : end + 2] in ("'s", "’s"):
                end += 2  # "Anna's birthday": the possessive goes with the name
            if name == "me" and re.search(r"\b(?:show|give|find|get|tell|send)\s+$", folded[: match.start()]):
                continue  # "show me photos of dogs"
            spans.append((match.start(), end, person))
    return sorted(spans, key=lambda s: s[0])


def _clean(rest: str) -> str:
    """The free text left for CLIP: understood parts and filler words removed from the edges."""
    rest = _TAKEN_AT.sub(r" \g<where> ", rest)  # 在老家拍的全家福 → 老家 全家福
    words = rest.split()
    while words and _norm(words[0]) in _EN_STOP:
        words.pop(0)
    while words and _norm(words[-1]) in _EN_STOP:
        words.pop()
    text = " ".join(words)
    changed = True
    while changed and text:
        changed = False
        if text in _ZH_EDGE or _norm(text) in _EN_STOP:
            return ""
        for edge in _ZH_EDGE:
            if text.endswith(edge) and len(text) > len(edge):
                text, changed = text[: -len(edge)].rstrip(), True
            if text.startswith(edge) and len(text) > len(edge):
                text, changed = text[len(edge) :].lstrip(), True
        if text in _ZH_EDGE or _norm(text) in _EN_STOP:
            text = ""
    return text


def parse_query(
    text: str,
    known_people: Sequence[KnownPerson] = (),
    today: date | None = None,
    gazetteer: Gazetteer | None = None,
    library_center: tuple[float, float] | None = None,
) -> Query:
    """Understand a search-box string in English or Chinese. Never raises: what is not understood
    stays free text for CLIP.

    Args:
        text: what the user typed.
        known_people: the library's named people (and who is "me").
        today: the reference for "last summer", "去年" (default: today).
        gazetteer: place names; without one, places stay free text.
        library_center: where the library's photos are, to pick "Springfield" near home.
    """
    today = today or date.today()
    text = text[:2000]  # a pasted novel is not a query; parsing stays fast
    work = _Text(text)
    fields: dict[str, object] = {}
    people: list[KnownPerson] = []
    tags: list[str] = []
    exclude: list[str] = []
    exclude_people: list[KnownPerson] = []
    exclude_tags: list[str] = []
    place: PlaceFilter | None = None
    unknown: list[str] = []

    for match in _TOKEN.finditer(text):  # explicit key:value syntax first
        key, negative = match["key"].lower(), bool(match["neg"])
        value = match["q"] if match["q"] is not None else match["v"]
        work.take(match.start(), match.end())
        if key == "person":
            person = _find_person(value, known_people)
            if negative:
                exclude.append(value)
                if person:
                    exclude_people.append(person)
            elif person:
                people.append(person)
            else:
                unknown.append(value)  # not a known person: searched as text
        elif key in ("after", "before"):
            typed = find_dates(value, today, southern=False)
            if typed:
                fields["date_from" if key == "after" else "date_to"] = typed[0].range[0 if key == "after" else 1]
        elif key == "tag":
            (exclude_tags if negative else tags).append(_tag_key(value) or value)
            if negative:
                exclude.append(value)
        elif key == "camera":
            fields["camera"] = value
        elif key == "km":
            with contextlib.suppress(ValueError):
                fields["km"] = float(value)
        elif key in ("near", "in"):
            place = _place(value, gazetteer, library_center, None, prefer_city=key == "near") or place
        elif key == "text":
            fields["extra_text"] = value

    date_text = work.rest
    southern = library_center is not None and library_center[0] < 0
    lower, upper, spans = _dates_in(date_text, today, southern)
    for span in spans:
        work.take(*span)

    for pattern in (_EXCLUDE_EN, _EXCLUDE_ZH):
        for match in pattern.finditer(work.rest):
            words = match["x"] or match.groupdict().get("latin") or ""
            person = _find_person(words, known_people) or _find_person(words.split()[0], known_people)
            tag = _tag_key(words) or _tag_key(words.split()[0]) or _tag_key(words.rstrip("s"))
            if person is None and tag is None:
                continue  # "no" in "a photo with no people" is not a filter we can apply
            exclude.append(person.name if person else words)
            if person:
                exclude_people.append(person)
            if tag:
                exclude_tags.append(tag)
            work.take(match.start(), match.end())

    for start, end, person in _people_spans(work.rest, known_people):
        if person not in people:
            people.append(person)
        work.take(start, end)

    if gazetteer is not None and place is None:
        radius = None
        km = _KM.search(work.rest)
        if km:
            radius = float(km["km"])
            hit = _longest_place(work.rest[km.end() :].split(",")[0], gazetteer, library_center, radius, True)
            if hit is not None:
                place = hit[0]
                work.take(km.start(), km.end() + hit[1])
        for match in list(_PLACE_EN.finditer(work.rest)) + list(_PLACE_ZH.finditer(work.rest)):
            group = next(g for g in ("name", "near", "owner") if match.groupdict().get(g))
            if (
                _NEGATED.search(work.rest[: match.start()])
                or work.rest[max(0, match.start() - 1) : match.start()] == "不"
            ):
                continue  # "not in Lisbon", "不在北京": album cannot filter a place out, and must not filter it in
            name = match[group]
            near = radius is not None or group == "near" or (match.groupdict().get("prep") or "").lower() in _NEAR
            hit = _longest_place(name, gazetteer, library_center, radius, near) if place is None else None
            if hit is None or (group == "owner" and hit[1] != len(name)):
                continue  # "X的…" only when all of X is a place: "杭州的西湖", not "西湖边的"
            place, length = hit
            start = match.start(group)
            work.take(match.start() if radius is None or match.start() < start else start, start + length)
            if group == "near":
                work.take(start, match.end())  # "…附近"
            break
        if place is not None and radius is not None and place.lat is not None:
            place = PlaceFilter(place.name, place.lat, place.lon, radius)

    camera = _CAMERA.search(work.rest) or _BRAND_ZH.search(work.rest) or _BRAND_EN.search(work.rest)
    if camera and "camera" not in fields:
        named = next(v for k, v in camera.groupdict().items() if v and k in ("a", "b", "c", "brand"))
        named = re.sub("(?<=.)(?:手机|相机)$", "", named)  # 用三星手机拍的: the brand is 三星
        if _norm(named) not in _ANY_CAMERA:  # "with my phone" names no make or model to filter by
            fields["camera"] = CAMERA_BRANDS.get(_norm(named), named)
        work.take(camera.start(), camera.end())

    latitude = _latitude(place, gazetteer) if spans else None
    if latitude is not None and (latitude < 0) != southern:  # "summer in Sydney": December–February
        lower, upper, _spans = _dates_in(date_text, today, latitude < 0)
    if lower is not None:
        fields.setdefault("date_from", lower)
    if upper is not None:
        fields.setdefault("date_to", upper)

    if place is not None and "km" in fields and place.lat is not None:
        place = PlaceFilter(place.name, place.lat, place.lon, float(fields["km"]))  # type: ignore[arg-type]
    free = _clean(work.rest)
    extra = fields.get("extra_text")
    free = " ".join(p for p in (str(extra) if extra else "", *unknown, free) if p)
    return Query(
        text=free,
        people=tuple(p.name for p in people) + tuple(unknown),
        person_ids=tuple(p.id for p in people if p.id),
        date_from=fields.get("date_from"),  # type: ignore[arg-type]
        date_to=fields.get("date_to"),  # type: ignore[arg-type]
        place=place,
        camera=fields.get("camera"),  # type: ignore[arg-type]
        tags=tuple(dict.fromkeys(tags)),
        exclude=tuple(dict.fromkeys(exclude)),
        exclude_person_ids=tuple(dict.fromkeys(p.id for p in exclude_people if p.id)),
        exclude_tags=tuple(dict.fromkeys(exclude_tags)),
    )


_BOUND_BEFORE = re.compile(r"\b(?P<w>before|prior to|until|till|up to|after|since)\s*$", re.IGNORECASE)
_BOUND_AFTER = re.compile(r"^\s*(?P<w>以前|之前|为止|以后|之后|以来|起)")
_BOUND_SIDE = {"before": "before", "prior to": "before", "以前": "before", "之前": "before", "until": "until",
               "till": "until", "up to": "until", "为止": "until", "after": "after", "以后": "after", "之后": "after",
               "since": "since", "以来": "since", "起": "since"}  # fmt: skip


def _open_bound(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """Whether the date at ``text[start:end]`` is one end of an open range: "before", "until", "after"
    or "since" (with the span of the words that say so), from "before 2010", "2020年以后", "since March"."""
    before = _BOUND_BEFORE.search(text[:start])
    if before is not None:
        return _BOUND_SIDE[before["w"].lower()], (before.start(), start)
    after = _BOUND_AFTER.search(text[end:])
    if after is not None:
        return _BOUND_SIDE[after["w"]], (end, end + after.end())
    return None


def _bounded(range_: tuple[date, date], side: str) -> tuple[date | None, date | None]:
    """The open range a bound word makes of a date range: before 2010 = up to 2009-12-31, until 2010 = up
    to 2010-12-31, after 2010 = from 2011-01-01, since 2010 = from 2010-01-01."""
    if side == "before":
        return None, range_[0] - timedelta(days=1)
    if side == "until":
        return None, range_[1]
    if side == "after":
        return range_[1] + timedelta(days=1), None
    return range_[0], None


def _dates_in(text: str, today: date, southern: bool) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    """The date range a query's text names (either end may be open) and the spans that name it."""
    dates = find_dates(text, today, southern=southern)
    if not dates:
        return None, None, []
    first = dates[0]
    range_ = _with_separate_year(text, dates, today, southern)
    spans = [(d.start, d.end) for d in (dates[:2] if range_ != first.range else dates[:1])]
    bound = _open_bound(text, first.start, first.end)
    if bound is None:
        return range_[0], range_[1], spans
    lower, upper = _bounded(range_, bound[0])  # "before 2010": one end stays open
    return lower, upper, [*spans, bound[1]]


def _latitude(place: PlaceFilter | None, gazetteer: Gazetteer | None) -> float | None:
    """Where on the globe a place filter is: its centre, or for a country or region the gazetteer's."""
    if place is None:
        return None
    if place.lat is not None:
        return place.lat
    return gazetteer.latitude(place.name) if gazetteer is not None and place.name else None


def _with_separate_year(text: str, dates: list[DateMatch], today: date, southern: bool) -> tuple[date, date]:
    """ "Easter egg hunt 2024": a yearless named day and a year elsewhere mean that day in that year."""
    first = dates[0]
    if len(dates) < 2:
        return first.range
    year = next((d for d in dates[1:] if d.range == (date(d.range[0].year, 1, 1), date(d.range[0].year, 12, 31))), None)
    phrase = text[first.start : first.end].strip()
    if year is None or re.search(r"\d{4}", phrase):
        return first.range
    y = year.range[0].year
    combined = find_dates(f"{phrase} {y}" if phrase.isascii() else f"{y}年{phrase}", today, southern=southern)
    return combined[0].range if combined else first.range


def _tag_key(word: str) -> str | None:
    wanted = _norm(word).strip()
    for tag in VOCABULARY:
        names = {
            tag.key,
            _norm(tag.en),
            _norm(tag.en).removeprefix("a ").removeprefix("an ").removeprefix("the "),
            tag.zh,
        }
        if wanted in names or wanted.rstrip("s") in names or wanted.removeprefix("小") == tag.zh:
            return tag.key
    return None


def _place(name: str, gazetteer: Gazetteer | None, center: tuple[float, float] | None,
           radius: float | None, prefer_city: bool = False) -> PlaceFilter | None:  # fmt: skip
    if gazetteer is None:
        return None
    found = gazetteer.lookup(name, center, prefer_city)
    if found is None:
        return None
    if found.kind == "country":
        return PlaceFilter(name=found.name, country=found.name)
    if found.kind == "region":
        country = gazetteer.country_name(found.country)
        return PlaceFilter(name=f"{found.name}, {country}", country=country, region=found.name)
    return PlaceFilter(found.name, found.lat, found.lon, radius or DEFAULT_RADIUS_KM, None)


def _longest_place(name: str, gazetteer: Gazetteer, center: tuple[float, float] | None,
                   radius: float | None, prefer_city: bool) -> tuple[PlaceFilter, int] | None:  # fmt: skip
    """The longest leading part of ``name`` (words, or CJK characters) that is a known place."""
    if name.isascii():
        words = name.split()
        article = 1 if len(words) > 1 and words[0].lower() == "the" else 0  # "in the Netherlands"
        found_after = _longest_place(" ".join(words[1:]), gazetteer, center, radius, prefer_city) if article else None
        if found_after is not None:
            return found_after[0], len(words[0]) + 1 + found_after[1]
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n]).strip(".,;:!?")
            if candidate[:1].isupper() or n > 1 or candidate.isupper():
                found = _place(candidate, gazetteer, center, radius, prefer_city)
                if found is not None:
                    return found, len(" ".join(words[:n]))
        return None
    for n in range(len(name), 1, -1):
        found = _place(name[:n], gazetteer, center, radius, prefer_city)
        if found is not None:
            return found, n
    return None


def to_syntax(query: Query) -> str:
    """Render a Query in the explicit syntax; parse_query(to_syntax(q)) gives q back (for its fields)."""

    def quote(value: str) -> str:
        return f'"{value}"' if (" " in value or ":" in value) else value

    parts = [f"person:{quote(p)}" for p in query.people]
    if query.date_from:
        parts.append(f"after:{query.date_from.isoformat()}")
    if query.date_to:
        parts.append(f"before:{query.date_to.isoformat()}")
    if query.place is not None:
        if query.place.country:
            parts.append(f"in:{quote(query.place.name or query.place.country)}")
        elif query.place.name:
            parts.append(f"near:{quote(query.place.name)}")
            if query.place.radius_km and query.place.radius_km != DEFAULT_RADIUS_KM:
                parts.append(f"km:{query.place.radius_km:g}")
    if query.camera:
        parts.append(f"camera:{quote(query.camera)}")
    parts += [f"tag:{quote(t)}" for t in query.tags]
    parts += [f"-tag:{quote(t)}" for t in query.exclude_tags]
    excluded_tags = set(query.exclude_tags)
    parts += [f"-person:{quote(p)}" for p in query.exclude if p not in excluded_tags and _tag_key(p) is None]
    if query.text:
        parts.append(query.text)
    return " ".join(parts)
