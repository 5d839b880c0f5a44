"""Build the map's offline basemap from Natural Earth (the npm package ``world-atlas``, ISC licence) and
the place table album ships, and write it where album ships it.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # gives package/*.json
    python packaging/build_basemap.py package/

Natural Earth's land (coastlines) at two scales, 110m for the world and 50m once zoomed in, the
borders between countries at 50m, and the best-known cities with their Chinese names, as a compressed
``.npz``: coordinates in hundredths of a degree (about 1 km, finer than the 50m data itself), so
int16 holds them.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from album.core.basemap import SHIPPED  # noqa: E402
from album.core.geo_table import open_table  # noqa: E402

CITIES = 400  # labels: the best-known cities of the world, biggest first
UNITS = 100  # stored units per degree


def _arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """TopoJSON's quantized, delta-encoded arcs as (n, 2) arrays of lon, lat in degrees."""
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=np.float64), axis=0) * scale + translate for arc in topology["arcs"]]


def _ring(arcs: list[np.ndarray], indexes: list[int]) -> np.ndarray:
    """One ring stitched from its arcs (a negative index ``~i`` is arc ``i`` reversed)."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
    return np.concatenate([parts[0], *(part[1:] for part in parts[1:])])


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in _polygons(g)]
    return []


def land_rings(path: Path) -> list[np.ndarray]:
    topology = json.loads(path.read_text())
    arcs = _arcs(topology)
    return [_ring(arcs, ring) for polygon in _polygons(topology["objects"]["land"]) for ring in polygon]


def borders(path: Path) -> list[np.ndarray]:
    """The arcs two countries share: the borders on land (an arc of one country only is coast)."""
    topology = json.loads(path.read_text())
    arcs = _arcs(topology)
    used: Counter[int] = Counter()
    for country in topology["objects"]["countries"]["geometries"]:
        for polygon in _polygons(country):
            used.update({i if i >= 0 else ~i for ring in polygon for i in ring})
    return [arcs[i] for i, count in sorted(used.items()) if count >= 2]


def packed(lines: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Lines as one int16 array of points and the offset where each line starts (plus the end)."""
    points = [np.round(line * UNITS).astype(np.int16) for line in lines]
    points = [p[np.r_[True, np.any(p[1:] != p[:-1], axis=1)]] for p in points]  # repeats rounding made
    offsets = np.cumsum([0, *(len(p) for p in points)]).astype(np.int32)
    return np.concatenate(points), offsets


def cities() -> dict[str, np.ndarray]:
    db = open_table(None)
    rows = db.execute("SELECT name, coalesce(zh, ''), lat, lon FROM places WHERE kind = 'city' "
                      "ORDER BY population DESC, name LIMIT ?", (CITIES,)).fetchall()  # fmt: skip
    return {"city_name": np.array([r[0] for r in rows]), "city_zh": np.array([r[1] for r in rows]),
            "city_lonlat": np.round(np.array([[r[3], r[2]] for r in rows]) * UNITS).astype(np.int16)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("atlas", type=Path, help="the world-atlas package folder (with land-50m.json)")
    parser.add_argument("--out", type=Path, default=SHIPPED, help=f"where to write (default {SHIPPED})")
    args = parser.parse_args()
    arrays: dict[str, np.ndarray] = {}
    for name, lines in (("land110", land_rings(args.atlas / "land-110m.json")),
                        ("land50", land_rings(args.atlas / "land-50m.json")),
                        ("borders50", borders(args.atlas / "countries-50m.json"))):  # fmt: skip
        arrays[f"{name}_points"], arrays[f"{name}_offsets"] = packed(lines)
    arrays.update(cities())
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buffer.getvalue())
    sizes = ", ".join(f"{k} {len(v):,}" for k, v in arrays.items() if k.endswith("_points"))
    print(f"{args.out}: {len(buffer.getvalue()) / 1e6:.2f} MB ({sizes} points)")


if __name__ == "__main__":
    main()
