"""The map's clusters and circles, and the ``near:lat,lon`` syntax the map writes into the search."""

from __future__ import annotations

import numpy as np

from album.core.basemap import load_basemap, project, unproject
from album.core.map_clusters import CELL_PX, TILE_PX, MapPoints, cluster, distances_km, enclosing_circle
from album.core.query import parse_query, to_syntax


def test_web_mercator_round_trips_and_puts_greenwich_in_the_middle() -> None:
    x, y = project(np.array([0.0, 51.4779]), np.array([0.0, 0.0]))
    assert (x[0], y[0]) == (0.5, 0.5) and x[1] == 0.5 and y[1] < 0.5
    lat, lon = unproject(float(x[1]), float(y[1]))
    assert abs(lat - 51.4779) < 1e-9 and abs(lon) < 1e-9


def test_a_cluster_per_occupied_cell_with_its_count_and_members() -> None:
    rng = np.random.default_rng(0)
    cells = TILE_PX * 2**4 // CELL_PX  # 64 cells a side at zoom 4
    x = np.r_[np.full(5, 10.5 / cells), np.full(3, 40.5 / cells), rng.uniform(14.1, 14.9, 7) / cells]
    y = np.r_[np.full(5, 3.5 / cells), np.full(3, 40.5 / cells), np.full(7, 3.5 / cells)]
    found = cluster(x, y, 4)
    assert sorted(found.counts.tolist()) == [3, 5, 7] and sum(found.counts) == len(x)
    for index in range(len(found)):
        members = found.members(index)
        assert len(members) == found.counts[index] and found.first[index] in members
        assert np.isclose(found.x[index], x[members].mean()) and np.isclose(found.y[index], y[members].mean())
    world = cluster(x, y, 0)  # 4 cells a side: the 5 and the 7 (4 of zoom 4's cells apart) fall in one
    assert sorted(world.counts.tolist()) == [3, 12]


def test_the_enclosing_circle_holds_every_member_and_reads_back_as_the_same_filter() -> None:
    lat = np.array([38.70, 38.75, 38.72, 41.15])
    lon = np.array([-9.10, -9.16, -9.14, -8.63])
    points = MapPoints(np.array(["a", "b", "c", "d"]), lat, lon, np.array(["", "", "", ""]))
    circle = enclosing_circle(points, np.array([0, 1, 2]))
    assert distances_km(circle.lat, circle.lon, lat[:3], lon[:3]).max() <= circle.radius_km
    assert distances_km(circle.lat, circle.lon, lat[3:], lon[3:]).min() > circle.radius_km
    query = parse_query(f"beach {circle.syntax()}")
    assert query.place is not None and query.text == "beach"
    assert (round(query.place.lat, 5), round(query.place.lon, 5)) == (round(circle.lat, 5), round(circle.lon, 5))
    assert query.place.radius_km == circle.radius_km and query.place.name is None
    assert parse_query(to_syntax(query)).place == query.place  # the chip's ✕ and edits go through the syntax


def test_the_basemap_has_land_borders_and_cities() -> None:
    basemap = load_basemap()
    assert len(basemap.land_detail.xy) > len(basemap.land_world.xy) > 1000
    assert len(basemap.borders.starts) > 100
    names = {city.name: city for city in basemap.cities}
    tokyo = names["Tokyo"]
    x, y = project(np.array([35.69]), np.array([139.69]))
    assert abs(tokyo.x - x[0]) < 0.001 and abs(tokyo.y - y[0]) < 0.001 and tokyo.name_zh == "东京"
