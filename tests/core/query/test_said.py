"""A chip's own words out of the typed text: what the search bar's ✕ does to what the user wrote."""

from __future__ import annotations

from datetime import date

import pytest

from album.core.geo import Gazetteer
from album.core.query import KnownPerson, parse_query, without_sources

KNOWN = [KnownPerson("n", "Nicole"), KnownPerson("b", "Ben"), KnownPerson("x", "小明"), KnownPerson("y", "小红")]


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(tmp_path_factory.mktemp("geo"))


@pytest.mark.parametrize(
    ("text", "kind", "left"),
    [
        ("Nicole in Lisbon 2019", "date", "Nicole in Lisbon"),
        ("Nicole in Lisbon 2019", "place", "Nicole 2019"),
        ("Nicole in Lisbon 2019", "person", "in Lisbon 2019"),
        ("Nicole at the beach in summer 2023 without Ben", "date", "Nicole at the beach without Ben"),
        ("Nicole at the beach in summer 2023 without Ben", "exclude", "Nicole at the beach in summer 2023"),
        ("Nicole near:Lisbon", "place", "Nicole"),
        ("Nicole camera:canon tag:dog", "camera", "Nicole tag:dog"),
        ("小明和小红在杭州2023年", "date", "小明和小红在杭州"),
        ("小明和小红在杭州2023年", "place", "小明和小红2023年"),
        ("dogs in the park in 2019", "date", "dogs in the park"),
    ],
)
def test_removing_a_part_removes_only_its_words(text: str, kind: str, left: str, gazetteer: Gazetteer) -> None:
    query = parse_query(text, KNOWN, date(2026, 11, 24), gazetteer)
    sources = [s for s in query.sources if s.kind == kind]
    assert sources, f"no {kind} in {text!r}"
    assert without_sources(text, sources) == left


def test_sources_do_not_change_what_a_query_means(gazetteer: Gazetteer) -> None:
    typed = parse_query("Nicole in Lisbon 2019", KNOWN, date(2026, 11, 24), gazetteer)
    explicit = parse_query("person:Nicole in:Lisbon after:2019-01-01 before:2019-12-31", KNOWN, date(2026, 11, 24),
                           gazetteer)  # fmt: skip
    assert typed.sources != explicit.sources
    assert (typed.people, typed.date_from, typed.date_to) == (explicit.people, explicit.date_from, explicit.date_to)
    assert [s.kind for s in typed.sources] == ["date", "person", "place"]
