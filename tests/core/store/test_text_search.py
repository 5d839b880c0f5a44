"""What the user wrote in other apps, in the store: stars, labels and keywords as filters, titles, captions
and keywords found by LanceDB's full-text search, camera models compared without spaces, eves by the hour."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from libstate import photo_row as row

from album.core.query import Query
from album.core.records import Described, Keyworded, Labelled, Rated
from album.core.search import Searcher
from album.core.store.db import Store
from album.core.store.text_search import TEXT_COLUMNS, text_indexed


@pytest.fixture
def written(store: Store) -> Store:
    store.upsert_photos([
        row("cake", title="Ben's 5th birthday", keywords=["Family", "Birthday"], rating=5, label="Red",
            camera="NIKON CORPORATION NIKON Z 6", camera_model="NIKON Z 6", taken_at=datetime(2021, 12, 24, 21, 30)),
        row("cafe", description="Coffee at a café in Málaga", keywords=["Café"], rating=3, label="green",
            camera="Apple iPhone 15 Pro", camera_model="iPhone 15 Pro", taken_at=datetime(2021, 12, 25, 2, 0)),
        row("cn", title="小明的生日", description="在外婆家", rating=-1, taken_at=datetime(2021, 12, 25, 5, 0)),
        row("afternoon", rating=0, taken_at=datetime(2021, 12, 24, 15, 0)),
        row("plain"),  # nothing written
    ])  # fmt: skip
    store.ensure_indexes()  # at any size: the full-text indexes
    return store


def ids(store: Store, query: Query) -> set[str]:
    return {photo.id for photo in store.photos_matching(query)}


def found(store: Store, text: str, query: Query | None = None) -> list[str]:
    return [photo.id for photo in store.written_matches(text, query or Query(), 10)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(rating_min=4), {"cake"}),
        (Query(rating_min=3), {"cake", "cafe"}),
        (Query(rating_min=0), {"cake", "cafe", "afternoon"}),  # unrated and rejected photos have no stars
        (Query(rejected=True), {"cn"}),
        (Query(label="RED"), {"cake"}),  # labels regardless of case
        (Query(label="Green"), {"cafe"}),
        (Query(keywords=("Café",)), {"cafe"}),
        (Query(keywords=("Family", "Birthday")), {"cake"}),
        (Query(camera="Nikon Z6"), {"cake"}),  # NIKON Z 6 without its spaces
        (Query(camera="iphone15pro"), {"cafe"}),
        (Query(camera="z 6"), {"cake"}),
        (Query(camera="%"), set()),  # only punctuation: looked for as it is
        # Christmas Eve 2021: the evening of the 24th and the night, not the afternoon nor the morning after.
        (Query(date_from=date(2021, 12, 24), date_to=date(2021, 12, 25), from_hour=17, to_hour=4), {"cake", "cafe"}),
    ],
)
def test_written_fields_filter(written: Store, query: Query, expected: set[str]) -> None:
    assert ids(written, query) == expected


def test_titles_captions_and_keywords_are_found_by_their_words(written: Store) -> None:
    assert set(text_indexed(written.photos)) == set(TEXT_COLUMNS)
    assert found(written, "Ben's 5th birthday") == ["cake"]
    assert found(written, "birthdays") == ["cake"]  # stemmed
    assert found(written, "cafe malaga") == ["cafe"]  # without accents, every word in one column
    assert found(written, "coffee birthday") == []  # not one column holding both
    assert found(written, "family") == ["cake"]  # a keyword
    assert found(written, "生日") == ["cn"]  # Chinese, as a part of the caption
    assert found(written, "小明 外婆") == ["cn"]
    assert found(written, "the of") == []  # stop words only
    assert found(written, "birthday", Query(rating_min=5)) == ["cake"]  # under the filters
    assert found(written, "birthday", Query(rejected=True)) == []


def test_rows_written_after_the_index_are_found(written: Store) -> None:
    written.upsert_photos([row("late", title="Ben's birthday, again", rating=2)])
    assert sorted(found(written, "birthday")) == ["cake", "late"]


def test_a_library_without_the_indexes_searches_chinese_and_nothing_else(store: Store) -> None:
    store.upsert_photos([row("cn", title="小明的生日"), row("en", title="birthday")])
    assert text_indexed(store.photos) == ()
    assert (found(store, "birthday"), found(store, "生日")) == ([], ["cn"])


def test_the_search_puts_what_the_user_wrote_first(written: Store) -> None:
    """Without a CLIP model the words still find what the user wrote, with the reason why."""
    result = Searcher(written, None).search(Query(text="birthday", rating_min=4, label="red"))
    assert [hit.photo.id for hit in result.hits] == ["cake"]
    assert result.hits[0].reasons == (Described("birthday"), Rated(4), Labelled("red"))
    assert result.notice is not None  # semantic search is unavailable: said so
    photo = result.hits[0].photo
    assert (photo.title, photo.keywords, photo.rating, photo.label) == ("Ben's 5th birthday", ("Family", "Birthday"),
                                                                         5, "Red")  # fmt: skip
    record = photo.to_json()
    assert (record["keywords"], record["title"], record["rating"]) == (["Family", "Birthday"], "Ben's 5th birthday", 5)
    tagged = Searcher(written, None).search(Query(keywords=("Café",)))
    assert [h.photo.id for h in tagged.hits] == ["cafe"] and tagged.hits[0].reasons == (Keyworded(("Café",)),)


def test_the_library_knows_its_cameras_and_keywords(written: Store) -> None:
    cameras = ("Apple iPhone 15 Pro", "NIKON CORPORATION NIKON Z 6")
    assert written.written_names() == (cameras, ("Birthday", "Café", "Family"))


def test_an_index_run_that_changes_nothing_leaves_the_full_text_indexes_alone(indexer, store: Store, photos_dir) -> None:  # type: ignore[no-untyped-def]
    """The full-text indexes are rebuilt only when rows changed: a no-op ``album index`` keeps their
    LanceDB index ids and the table's version; a new photo folds into them (none left unindexed)."""
    from photofactory import scene, write_photo

    for i in range(2):
        write_photo(photos_dir / f"p{i}.jpg", image=scene(64, 48, seed=i))
    indexer.run([str(photos_dir)])

    def text_indexes() -> dict[str, tuple[str, int]]:
        return {i.name: (i.index_uuid, i.num_unindexed_rows) for i in store.photos.list_indices()
                if i.index_type == "FTS"}  # fmt: skip

    built, version = text_indexes(), store.photos.version
    assert len(built) == len(TEXT_COLUMNS)
    indexer.run([str(photos_dir)])
    assert text_indexes() == built and store.photos.version == version
    write_photo(photos_dir / "p2.jpg", image=scene(64, 48, seed=2))
    indexer.run([str(photos_dir)])
    after = text_indexes()
    assert store.photos.version > version and after.keys() == built.keys()
    assert all(after[name][0] != built[name][0] and after[name][1] == 0 for name in built)
