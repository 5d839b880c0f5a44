"""OpenStreetMap tiles as the tile usage policy asks: a real User-Agent, a disk cache that honours
max-age and ETags, and the cached tile still shown when the network is gone."""

from __future__ import annotations

from pathlib import Path

from tileserver import TileServer, png, serving

from album.core.map_tiles import TileCache, TileKey


def test_tiles_are_cached_revalidated_and_kept_offline(tmp_path: Path) -> None:
    with serving(TileServer(max_age=3600)) as server:
        cache = TileCache(tmp_path / "tiles", server.url)
        first = cache.fetch(TileKey(3, 4, 2))
        assert first == png(server.colour)
        assert cache.fetch(TileKey(3, 4, 2)) == first and len(server.requests) == 1  # fresh: not asked again
        path, agent, etag = server.requests[0]
        assert path == "/3/4/2.png" and agent.startswith("album/") and etag is None

        server.max_age = 0  # a tile that goes stale at once is revalidated with its ETag: 304, same bytes
        cache.fetch(TileKey(5, 1, 1))
        assert cache.fetch(TileKey(5, 1, 1)) == first
        assert server.requests[-1] == ("/5/1/1.png", agent, '"v1"') and len(server.requests) == 3
        assert (tmp_path / "tiles" / "5" / "1" / "1.png").exists()
    # the server is gone: the stale tile is still drawn, a tile never fetched is simply missing
    assert cache.fetch(TileKey(5, 1, 1)) == first
    assert cache.fetch(TileKey(6, 0, 0)) is None
