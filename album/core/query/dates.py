"""Date expressions in English and Chinese → inclusive date ranges, with real calendars.

Lunar festivals (春节, 元宵节, 端午节, 中秋节) come from the ``lunardate`` Chinese calendar,
Easter from ``dateutil``; 国庆节 is the 1–7 October Golden Week; 清明 and 五一 are the public breaks
the ``holidays`` package knows for China (the day itself through the days off and weekend next to
it). Seasons are meteorological (spring = March–May …) and follow the hemisphere: the northern one
unless the caller says the photos are south of the equator (the query names a southern place, or the
library's photos are there), where summer is December–February. A season keeps its year where it
starts: "winter 2023" is December 2023 – February 2024 in the north and June–August 2023 in the south.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import lunardate
from dateutil.easter import easter

DateRange = tuple[date, date]
FIRST_PHOTO_YEAR = 1826  # Niépce's view from the window at Le Gras

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
SOUTHERN_SEASONS = {"spring": (9, 11), "summer": (12, 2), "autumn": (3, 5), "fall": (3, 5), "winter": (6, 8)}
ZH_SEASONS = {
    "春天": "spring", "春季": "spring", "夏天": "summer", "夏季": "summer",
    "秋天": "autumn", "秋季": "autumn", "冬天": "winter", "冬季": "winter",
}  # fmt: skip
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
ZH_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9, "十": 10})
EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "a": 1, "an": 1, "couple of": 2, "few": 3}  # fmt: skip


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a query: its span in the text and the range it means."""

    start: int
    end: int
    range: DateRange
    evening: bool = False  # an eve: from EVENING_STARTS o'clock on the first day to NIGHT_ENDS on the last


def month_range(year: int, month: int) -> DateRange:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> DateRange:
    return date(year, 1, 1), date(year, 12, 31)


def season_range(season: str, year: int, southern: bool) -> DateRange:
    first, last = (SOUTHERN_SEASONS if southern else SEASONS)[season]
    if first > last:  # winter spans the new year
        return date(year, first, 1), month_range(year + 1, last)[1]
    return date(year, first, 1), month_range(year, last)[1]


def _lunar(year: int, month: int, day: int) -> date:
    return lunardate.LunarDate(year, month, day).to_solar_date()


def holiday_range(key: str, year: int) -> DateRange:
    """The days of a named holiday in ``year`` (a few days around it, as photos are taken then)."""
    if key == "spring_festival":  # lunar new year's eve to the 7th day: the family gatherings
        start = _lunar(year, 1, 1) - timedelta(days=1)
        return start, start + timedelta(days=7)
    if key == "lantern":
        day = _lunar(year, 1, 15)
        return day, day
    if key == "dragon_boat":
        day = _lunar(year, 5, 5)
        return day, day
    if key == "mid_autumn":
        day = _lunar(year, 8, 15)
        return day, day
    if key == "national_day":  # the Golden Week
        return date(year, 10, 1), date(year, 10, 7)
    if key in EVES:
        eve = EVES[key](year)
        return eve, eve + timedelta(days=1)
    if key == "christmas":
        return date(year, 12, 24), date(year, 12, 26)
    if key == "new_year":  # the night and the day after
        return date(year - 1, 12, 31), date(year, 1, 1)
    if key == "easter":
        day = easter(year)
        return day - timedelta(days=2), day + timedelta(days=1)
    if key == "qingming":
        return _china_break(year, "Tomb-Sweeping Day", (date(year, 4, 4), date(year, 4, 6)))
    if key == "labour_day":
        return _china_break(year, "Labor Day", (date(year, 5, 1), date(year, 5, 5)))
    if key == "halloween":
        return date(year, 10, 31), date(year, 10, 31)
    if key == "valentine":
        return date(year, 2, 14), date(year, 2, 14)
    raise KeyError(key)


@functools.lru_cache(maxsize=64)  # building a year of the calendar takes ~20 ms; the search box parses per key
def _china_break(year: int, name: str, fallback: DateRange) -> DateRange:
    """The official break around a Chinese public holiday: the day, and the days off and weekend days
    touching it (a day too many where a weekend day was made a working day; harmless for photos)."""
    import holidays

    days_off = holidays.China(years=year, language="en_US")
    day = next((d for d, n in sorted(days_off.items()) if n == name), None)
    if day is None:  # a year the package does not cover
        return fallback
    start, end = day, day
    while start - timedelta(days=1) in days_off or (start - timedelta(days=1)).weekday() >= 5:
        start -= timedelta(days=1)
    while end + timedelta(days=1) in days_off or (end + timedelta(days=1)).weekday() >= 5:
        end += timedelta(days=1)
    return start, end


# Eves: the evening before a holiday, the night people take photos at a table or under fireworks. A named eve
# means that evening and the first hours of the next day (EVENING_STARTS o'clock to NIGHT_ENDS o'clock).
EVES: dict[str, Callable[[int], date]] = {
    "christmas_eve": lambda year: date(year, 12, 24),
    "new_years_eve": lambda year: date(year, 12, 31),
    "lunar_new_years_eve": lambda year: _lunar(year, 1, 1) - timedelta(days=1),  # 除夕 of the lunar year's start
}
EVENING_STARTS, NIGHT_ENDS = 17, 4

HOLIDAYS = {
    "christmas eve": "christmas_eve", "xmas eve": "christmas_eve", "平安夜": "christmas_eve",
    "new year's eve": "new_years_eve", "new years eve": "new_years_eve", "new year’s eve": "new_years_eve",
    "nye": "new_years_eve", "跨年夜": "new_years_eve", "除夕": "lunar_new_years_eve", "除夕夜": "lunar_new_years_eve",
    "大年三十": "lunar_new_years_eve", "年三十": "lunar_new_years_eve", "年夜饭": "lunar_new_years_eve",
    "chinese new year's eve": "lunar_new_years_eve", "lunar new year's eve": "lunar_new_years_eve",
    "chinese new year": "spring_festival", "lunar new year": "spring_festival", "spring festival": "spring_festival",
    "春节": "spring_festival", "过年": "spring_festival",
    "lantern festival": "lantern", "元宵节": "lantern", "元宵": "lantern",
    "dragon boat festival": "dragon_boat", "端午节": "dragon_boat", "端午": "dragon_boat",
    "mid-autumn festival": "mid_autumn", "mid autumn festival": "mid_autumn", "moon festival": "mid_autumn",
    "中秋节": "mid_autumn", "中秋": "mid_autumn", "national day": "national_day", "国庆节": "national_day",
    "国庆": "national_day", "christmas": "christmas", "xmas": "christmas", "圣诞节": "christmas", "圣诞": "christmas",
    "new year": "new_year", "new year's": "new_year",
    "元旦": "new_year", "跨年": "new_year", "easter": "easter", "复活节": "easter", "halloween": "halloween",
    "万圣节": "halloween", "valentine's day": "valentine", "valentines day": "valentine", "情人节": "valentine",
    "清明节": "qingming", "清明": "qingming", "qingming": "qingming", "tomb-sweeping day": "qingming",
    "tomb sweeping day": "qingming", "五一劳动节": "labour_day", "劳动节": "labour_day", "五一": "labour_day",
    "may day": "labour_day",
}  # fmt: skip


def zh_number(text: str) -> int | None:
    """``"三"`` → 3, ``"十二"`` → 12, ``"12"`` → 12."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in ZH_DIGITS for ch in text):
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[units] if units else 0)
    return ZH_DIGITS[text] if len(text) == 1 else None


def valid(range_: DateRange) -> bool:
    return range_[0] <= range_[1]


# -- finding date expressions in text ------------------------------------------------------------------
_HOLIDAY_ALT = "|".join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON_ALT = "|".join(SEASONS)
_ZH_SEASON_ALT = "|".join(ZH_SEASONS)
_ZH_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "大前年": -3, "明年": 1}
_EN_REL_YEAR = {"this year": 0, "last year": -1, "the year before last": -2, "next year": 1}
_ZH_NUM = r"[0-9零〇一二两三四五六七八九十]+"


def _recent(make: Callable[[int], DateRange], today: date) -> DateRange:
    """The latest occurrence that has started by ``today`` (this year's, else last year's)."""
    current = make(today.year)
    return current if current[0] <= today else make(today.year - 1)


def _named(key: str, year: int | None, today: date, southern: bool) -> DateRange:
    """A holiday, season or month name with an optional year."""
    if key in SEASONS:
        return season_range(key, year, southern) if year else _recent(lambda y: season_range(key, y, southern), today)
    if key in MONTHS:
        month = MONTHS[key]
        return month_range(year, month) if year else _recent(lambda y: month_range(y, month), today)
    holiday = HOLIDAYS[key]
    return holiday_range(holiday, year) if year else _recent(lambda y: holiday_range(holiday, y), today)


def _ago(amount: int, unit: str, today: date) -> DateRange:
    unit = unit.rstrip("s")
    if unit in ("day", "天"):
        day = today - timedelta(days=amount)
        return day, day
    if unit in ("week", "周", "星期", "个星期", "个礼拜", "礼拜"):
        monday = today - timedelta(days=today.weekday() + 7 * amount)
        return monday, monday + timedelta(days=6)
    if unit in ("month", "个月", "月"):
        index = today.year * 12 + today.month - 1 - amount
        return month_range(index // 12, index % 12 + 1)
    return year_range(today.year - amount)


def _relative(word: str, today: date) -> DateRange:
    """today, yesterday, this/last week, month, weekend (English and Chinese)."""
    monday = today - timedelta(days=today.weekday())
    latest_weekend = (monday + timedelta(days=5), today) if today.weekday() >= 5 else (
        monday - timedelta(days=2), monday - timedelta(days=1))  # fmt: skip
    table = {
        "the weekend": latest_weekend, "over the weekend": latest_weekend,
        "today": (today, today), "今天": (today, today),
        "yesterday": (today - timedelta(days=1),) * 2, "昨天": (today - timedelta(days=1),) * 2,
        "前天": (today - timedelta(days=2),) * 2,
        "this week": (monday, today), "本周": (monday, today), "这周": (monday, today), "这个星期": (monday, today),
        "last week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "上周": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "上个星期": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "last weekend": (monday - timedelta(days=2), monday - timedelta(days=1)),
        "上周末": (monday - timedelta(days=2), monday - timedelta(days=1)),
        "this weekend": (monday + timedelta(days=5), monday + timedelta(days=6)),
        "这周末": (monday + timedelta(days=5), monday + timedelta(days=6)),
        "this month": (today.replace(day=1), today), "这个月": (today.replace(day=1), today),
        "本月": (today.replace(day=1), today),
        "last month": _ago(1, "month", today), "上个月": _ago(1, "month", today), "上月": _ago(1, "month", today),
    }  # fmt: skip
    return table[word]


_EN_NUM_ALT = "|".join(sorted(EN_NUMBERS, key=len, reverse=True))
_RELATIVE_WORDS = ("the year before last", "over the weekend", "the weekend",
                   "last weekend", "this weekend", "last week", "this week", "last month",
                   "this month", "yesterday", "today", "上个星期", "这个星期", "上周末", "这周末", "上周", "本周",
                   "这周", "上个月", "这个月", "本月", "上月", "今天", "昨天", "前天")  # fmt: skip
_REL_ALT = "|".join(re.escape(w) for w in _RELATIVE_WORDS)

# A four-digit year that may be meant as one: 1826 (the first photograph) to 2099; _said_year checks the range.
_YEAR = r"(?:18[2-9]\d|19\d{2}|20\d{2})"
_YEAR_WORDS = ("from", "in", "of", "since", "before", "after", "until", "till", "during", "around", "circa")


def _said_year(text: str, today: date) -> int:
    """A year typed in a date phrase, if a photo can have been taken in it: 1826 (the first photograph)
    up to next year (a camera clock set a little ahead); other numbers stay words ("from 1812" is the
    overture, "in 2099" a typo)."""
    year = int(text)
    if not FIRST_PHOTO_YEAR <= year <= today.year + 1:
        raise ValueError("not a year a photo can have")
    return year


# (pattern, handler): tried in order; earlier patterns win over overlapping later ones. A handler gets the
# match, today and whether seasons are southern ones (most handlers have no season and ignore it).
Handler = Callable[[re.Match[str], date, bool], DateRange]
_PATTERNS: list[tuple[re.Pattern[str], Handler]] = []


def _pattern(regex: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _PATTERNS.append((re.compile(regex, re.IGNORECASE), handler))
        return handler

    return register


# Parts of a year and of a month: "early 2021", "late March", "the end of last year", "2020年底", "年初",
# "3月初", "上个月底" — the first, middle or last third (a beginning or an end: the first or last sixth of a year).
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "beginning": (1, 2), "start": (1, 2), "end": (11, 12),
               "初": (1, 2), "中": (6, 7), "底": (11, 12), "末": (11, 12)}  # fmt: skip
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "beginning": (1, 10), "start": (1, 10),
                "end": (21, 31), "初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20), "下旬": (21, 31),
                "底": (21, 31), "末": (21, 31)}  # fmt: skip
_EN_PART = r"\b(?:the\s+)?(?P<part>early|mid|late|beginning|start|end)(?:\s+of)?[\s-]+"


def _year_part(year: int, part: str) -> DateRange:
    first, last = _YEAR_PARTS[part]
    return month_range(year, first)[0], month_range(year, last)[1]


def _month_part(year: int, month: int, part: str) -> DateRange:
    first, last = _MONTH_PARTS[part]
    end = month_range(year, month)[1]
    return date(year, month, first), min(end, date(year, month, min(last, end.day)))


def _latest_month(month: int, today: date) -> int:
    """The year of the latest such month up to today ("late March" in November is this year's)."""
    return today.year if month <= today.month else today.year - 1


@_pattern(_EN_PART + r"(?:(?P<month>" + _MONTH_ALT + r")\b(?:,?\s+(?P<my>(?:19|20)\d{2})\b)?|(?P<y>" + _YEAR +
          r")\b|(?P<rel>last\s+year|this\s+year|last\s+month|this\s+month)\b)")  # fmt: skip
def _en_part(m: re.Match[str], today: date, southern: bool) -> DateRange:
    part, relative = m["part"].lower(), " ".join((m["rel"] or "").lower().split())
    if m["month"]:
        month = MONTHS[m["month"].lower()]
        return _month_part(int(m["my"]) if m["my"] else _latest_month(month, today), month, part)
    if relative.endswith("month"):
        first = _relative(relative, today)[0]
        return _month_part(first.year, first.month, part)
    year = _said_year(m["y"], today) if m["y"] else today.year - (relative == "last year")
    return _year_part(year, part)


@_pattern(r"(?:(?P<y>" + _YEAR + r")\s*年|(?P<rel>大前年|前年|去年|今年)|(?<![\u4e00-\u9fff\d])(?=年))的?年?"
          r"(?P<part>初|中|底|末)(?:(?![\u4e00-\u9fff])|(?=的))|(?:(?P<y2>" + _YEAR + r")\s*年)?(?P<month>" + _ZH_NUM +
          r")月(?P<mpart>初|上旬|中旬|下旬|中|底|末)|(?P<mrel>上个月|上月|这个月|本月)?(?<![\d一二三四五六七八九十])"
          r"月?(?P<mpart2>初|底|末)(?:(?![\u4e00-\u9fff])|(?=的))")  # fmt: skip
def _zh_part(m: re.Match[str], today: date, southern: bool) -> DateRange:
    if m["part"]:
        year = _said_year(m["y"], today) if m["y"] else today.year + _ZH_REL_YEAR.get(m["rel"] or "今年", 0)
        return _year_part(year, m["part"])
    if m["month"]:
        month = zh_number(m["month"])
        if month is None or not 1 <= month <= 12:
            raise ValueError("no such month")
        year = _said_year(m["y2"], today) if m["y2"] else _latest_month(month, today)
        return _month_part(year, month, m["mpart"])
    if not m[0].startswith(("上", "这", "本", "月")):
        raise ValueError("a lone 初 or 底 is no date")
    first = _relative(m["mrel"], today)[0] if m["mrel"] else today.replace(day=1)
    return _month_part(first.year, first.month, m["mpart2"])


# This day some years ago: "a year ago today", "this day last year", "去年的今天", "3年前的今天".
@_pattern(r"\b(?:(?P<n>\d+|" + _EN_NUM_ALT + r")\s+years?\s+ago|(?P<last>last\s+year))\s+(?:today|on\s+this\s+day)\b"
          r"|\b(?:today|this\s+day)\s+(?:(?P<n2>\d+|" + _EN_NUM_ALT + r")\s+years?\s+ago|(?P<last2>last\s+year))\b"
          r"|(?:(?P<zn>" + _ZH_NUM + r")年前|(?P<rel>大前年|前年|去年))的?今天")  # fmt: skip
def _this_day_years_ago(m: re.Match[str], today: date, southern: bool) -> DateRange:
    said = m["n"] or m["n2"]
    if said:
        years = int(said) if said.isdigit() else EN_NUMBERS[said.lower()]
    elif m["zn"]:
        years = zh_number(m["zn"]) or 0
    else:
        years = -_ZH_REL_YEAR.get(m["rel"] or "去年", -1)
    year = today.year - years
    day = date(year, today.month, min(today.day, calendar.monthrange(year, today.month)[1]))
    return day, day


@_pattern(r"(?:from|between)\s+(?P<m1>" + _MONTH_ALT + r")\s*(?P<y1>\d{4})?\s+(?:to|and|until|till|-)\s+"
          r"(?P<m2>" + _MONTH_ALT + r")\s*(?P<y2>\d{4})?\b")  # fmt: skip
def _en_month_range(m: re.Match[str], today: date, southern: bool) -> DateRange:
    y2 = int(m["y2"] or m["y1"] or today.year)
    y1 = int(m["y1"] or (y2 if MONTHS[m["m1"].lower()] <= MONTHS[m["m2"].lower()] else y2 - 1))
    return month_range(y1, MONTHS[m["m1"].lower()])[0], month_range(y2, MONTHS[m["m2"].lower()])[1]


@_pattern(r"(?:from|between)\s+(?P<y1>" + _YEAR + r")\s+(?:to|and|until|till|-)\s+(?P<y2>" + _YEAR + r")\b")
def _en_year_range(m: re.Match[str], today: date, southern: bool) -> DateRange:
    return year_range(_said_year(m["y1"], today))[0], year_range(_said_year(m["y2"], today))[1]


@_pattern(r"(?P<y1>" + _YEAR + r")\s*年?\s*(?:到|至|-|—|~|～)\s*(?P<y2>" + _YEAR + r")\s*年")
def _zh_year_range(m: re.Match[str], today: date, southern: bool) -> DateRange:
    return year_range(_said_year(m["y1"], today))[0], year_range(_said_year(m["y2"], today))[1]


@_pattern(r"(?P<y>(?:19|20)\d{2})年(?P<m1>\d{1,2})月?\s*(?:到|至|-|—|~)\s*(?P<m2>\d{1,2})月")
def _zh_month_range(m: re.Match[str], today: date, southern: bool) -> DateRange:
    year = int(m["y"])
    return month_range(year, int(m["m1"]))[0], month_range(year, int(m["m2"]))[1]


@_pattern(r"(?:\bthe\s+(?P<short>\d)0['’]?s\b|['’](?P<apos>\d)0s\b|\b(?P<full>(?:19|20)\d)0['’]?s\b"
          r"|(?P<zh_full>(?:19|20)\d)0年代|(?P<zh_short>\d|[一二三四五六七八九])0?十?年代)")  # fmt: skip
def _decade(m: re.Match[str], today: date, southern: bool) -> DateRange:
    """The 1990s, the 90s, '90s, 1990年代, 90年代, 九十年代. A two-digit decade is the last one of that
    name up to now ("the 20s" in 2026 is the 2020s, "the 30s" the 1930s)."""
    if m["full"] or m["zh_full"]:
        start = int(m["full"] or m["zh_full"]) * 10
    else:
        digit = m["short"] or m["apos"] or m["zh_short"]
        tens = int(digit) if digit.isdigit() else zh_number(digit)
        if tens is None:
            raise ValueError("not a decade")
        start = 2000 + tens * 10 if 2000 + tens * 10 <= today.year else 1900 + tens * 10
    return date(start, 1, 1), date(start + 9, 12, 31)


@_pattern(r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})[日号]?")
def _full_date(m: re.Match[str], today: date, southern: bool) -> DateRange:
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day, day


@_pattern(r"(?:(?P<y>" + _YEAR + r")年|(?P<rel>大前年|前年|去年|今年|明年))的?\s*(?:(?P<season>" + _ZH_SEASON_ALT +
          r")|(?P<holiday>" + _HOLIDAY_ALT + r")|(?P<month>" + _ZH_NUM + r")月)?")  # fmt: skip
def _zh_year(m: re.Match[str], today: date, southern: bool) -> DateRange:
    year = _said_year(m["y"], today) if m["y"] else today.year + _ZH_REL_YEAR[m["rel"]]
    if m["season"]:
        return season_range(ZH_SEASONS[m["season"]], year, southern)
    if m["holiday"]:
        return holiday_range(HOLIDAYS[m["holiday"].lower()], year)
    if m["month"]:
        month = zh_number(m["month"])
        if month is None or not 1 <= month <= 12:
            raise ValueError("no such month")
        return month_range(year, month)
    return year_range(year)


@_pattern(r"(?P<n>" + _ZH_NUM + r")\s*(?P<unit>年|个月|个星期|个礼拜|周|天)前")
def _zh_ago(m: re.Match[str], today: date, southern: bool) -> DateRange:
    amount = zh_number(m["n"])
    if amount is None:
        raise ValueError("not a number")
    return _ago(amount, m["unit"], today)


@_pattern(r"\b(?P<n>\d+|" + _EN_NUM_ALT + r")\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b")
def _en_ago(m: re.Match[str], today: date, southern: bool) -> DateRange:
    amount = int(m["n"]) if m["n"].isdigit() else EN_NUMBERS[m["n"].lower()]
    return _ago(amount, m["unit"].lower(), today)


@_pattern(r"(?:\b|(?<=[\u4e00-\u9fff]))(?P<w>" + _REL_ALT + r")(?:\b|(?=[\u4e00-\u9fff])|$)")
def _relative_word(m: re.Match[str], today: date, southern: bool) -> DateRange:
    word = m["w"].lower()
    if word == "the year before last":
        return year_range(today.year - 2)
    return _relative(word, today)


@_pattern(r"(?:\b(?:last|this)\s+(?P<which>" + _SEASON_ALT + "|" + _HOLIDAY_ALT + r")\b)")
def _en_last_named(m: re.Match[str], today: date, southern: bool) -> DateRange:
    key = m["which"].lower()
    if m[0].lower().startswith("this"):
        return _named(key, today.year, today, southern)
    recent = _named(key, None, today, southern)
    return recent if recent[1] < today else _named(key, recent[0].year - 1, today, southern)


@_pattern(r"(?P<y0>(?:19|20)\d{2})?\s*\b(?P<name>" + _HOLIDAY_ALT + "|" + _SEASON_ALT + "|" + _MONTH_ALT +
          r")\b(?:\s*(?:of\s+|in\s+)?(?P<y>(?:19|20)\d{2})\b)?")  # fmt: skip
def _en_named(m: re.Match[str], today: date, southern: bool) -> DateRange:
    year = m["y"] or m["y0"]
    return _named(m["name"].lower(), int(year) if year else None, today, southern)


@_pattern(r"(?P<name>" + "|".join(re.escape(h) for h in HOLIDAYS if not h.isascii()) + "|" + _ZH_SEASON_ALT + ")")
def _zh_named(m: re.Match[str], today: date, southern: bool) -> DateRange:
    name = m["name"]
    key = ZH_SEASONS.get(name) or name
    return _named(key, None, today, southern)


@_pattern(r"(?:" + "|".join(rf"(?<=\b{w} )" for w in _YEAR_WORDS) + r")(?P<y>" + _YEAR + r")\b(?![\d-])")
def _said_bare_year(m: re.Match[str], today: date, southern: bool) -> DateRange:
    """ "from 1850", "in 1850": a year the words say is one, back to the first photograph. Only the year
    is taken, so "before 1850" stays an open range. (A lone "1850" is not a year: it may be a file number.)"""
    return year_range(_said_year(m["y"], today))


@_pattern(r"(?<![\d-])\b(?P<y>(?:19|20)\d{2})\b(?![\d-])")
def _bare_year(m: re.Match[str], today: date, southern: bool) -> DateRange:
    return year_range(int(m["y"]))


@_pattern(r"(?P<rel>this year|last year|next year)\b")
def _en_rel_year(m: re.Match[str], today: date, southern: bool) -> DateRange:
    return year_range(today.year + _EN_REL_YEAR[m["rel"].lower()])


def find_dates(text: str, today: date, *, southern: bool) -> list[DateMatch]:
    """Every date expression in ``text``, non-overlapping, earliest-registered pattern first.

    ``southern`` is required, not defaulted: which months a season means depends on where the photos
    were taken, and only the caller knows that (the place the query names, or the library's photos).
    """
    found: list[DateMatch] = []
    for pattern, handler in _PATTERNS:
        for match in pattern.finditer(text):
            if not match[0].strip() or any(match.start() < f.end and f.start < match.end() for f in found):
                continue
            try:
                range_ = handler(match, today, southern)
            except (ValueError, KeyError, OverflowError):  # "Feb 30", month 13, lunar year out of range
                continue
            if valid(range_):
                found.append(DateMatch(match.start(), match.end(), range_, _names_eve(match[0])))
    return sorted(found, key=lambda f: f.start)


_EVE_NAMES = re.compile("|".join(re.escape(name) for name, key in HOLIDAYS.items() if key in EVES), re.IGNORECASE)


def _names_eve(said: str) -> bool:
    """Whether a date phrase names an eve, which is an evening and a night, not whole days."""
    return _EVE_NAMES.search(said) is not None


def _en_day_month(m: re.Match[str], today: date, southern: bool) -> DateRange:
    """ "March 5, 2023" / "5 March"; an impossible day ("Feb 30 2023") still means the month."""
    month, day_number = MONTHS[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"])
    if m["y"]:
        year = int(m["y"])
    else:  # the latest such day up to today
        year = today.year if (month, day_number) <= (today.month, today.day) else today.year - 1
    try:
        day = date(year, month, day_number)
    except ValueError:
        return month_range(year, month)
    return day, day


# Before the plain month names, so the day and year stay with their month.
_PATTERNS.insert(0, (re.compile(
    r"\b(?:(?P<m1>" + _MONTH_ALT + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<m2>" + _MONTH_ALT + r"))\b(?:,?\s+(?P<y>(?:19|20)\d{2})\b)?", re.IGNORECASE), _en_day_month))  # fmt: skip
