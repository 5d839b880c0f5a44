"""Tag names → tag keys, in the vocabulary the caller gives (album's curated one, or a model's own), and
names of the user's own keywords (from other apps) → the keywords as the library's photos carry them.

Not an extractor of its own: words that merely name a tag ("dog") stay free text for CLIP, which ranks
by them; a tag becomes a filter only through ``tag:dog`` (:mod:`.explicit`) or a NOT term ("without
dogs", :mod:`.exclusions`).
"""

from __future__ import annotations

from collections.abc import Sequence

from album.core.models.tags import Tag
from album.core.query.parse.tokens import norm


def tag_key(word: str, vocabulary: Sequence[Tag]) -> str | None:
    """The key of the tag ``word`` names: its key, English name with or without its article, or Chinese
    name; a plural ("dogs") and the diminutive 小 ("小狗") name the tag too."""
    wanted = norm(word).strip()
    for tag in vocabulary:
        names = {
            tag.key,
            norm(tag.en),
            norm(tag.en).removeprefix("a ").removeprefix("an ").removeprefix("the "),
            tag.zh,
        }
        if wanted in names or wanted.rstrip("s") in names or wanted.removeprefix("小") == tag.zh:
            return tag.key
    return None


def keyword_named(word: str, keywords: Sequence[str]) -> str | None:
    """The user's keyword ``word`` names, as photos carry it: regardless of case, accents and
    traditional or simplified characters ("cafe" is "Café", "臺北" "台北")."""
    wanted = norm(word).strip()
    return next((keyword for keyword in keywords if norm(keyword) == wanted), None)
