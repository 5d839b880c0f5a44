"""The timeline's sections: runs of one day (or month) in the results' order, with the town they share."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np

from album.core.timeline import NO_PLACE, day_columns, sections

TAKEN = [datetime(2023, 3, 11, 18), datetime(2023, 3, 11, 9), datetime(2023, 3, 4), datetime(2023, 3, 4),
         datetime(2021, 8, 20), None, None]  # fmt: skip
PLACES = ["Lisbon", "Lisbon", "Lisbon", "Porto", None, "Lisbon", "Lisbon"]


def test_days_and_months_with_the_town_they_share() -> None:
    days, places = day_columns(TAKEN, PLACES)
    by_day = sections(days, places)
    assert by_day.start.tolist() == [0, 2, 4, 5]
    assert by_day.sizes().tolist() == [2, 2, 1, 2]
    assert [by_day.date_of(i) for i in range(4)] == [date(2023, 3, 11), date(2023, 3, 4), date(2021, 8, 20), None]
    lisbon = places[0]
    assert by_day.place.tolist() == [lisbon, NO_PLACE, NO_PLACE, lisbon]  # the 4th: two towns; the 20th: none
    assert by_day.of_item(3) == 1 and by_day.of_item(6) == 3
    by_month = sections(days, places, "month")
    assert by_month.start.tolist() == [0, 4, 5] and by_month.sizes().tolist() == [4, 1, 2]
    assert by_month.date_of(0) == date(2023, 3, 1) and by_month.place.tolist() == [NO_PLACE, NO_PLACE, lisbon]


def test_no_photos_no_sections() -> None:
    empty = sections(np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=np.int64))
    assert len(empty) == 0 and empty.sizes().tolist() == []
