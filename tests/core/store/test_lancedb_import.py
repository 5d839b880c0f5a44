"""LanceDB imported without its REST client still stores and finds vectors, and the client's skipped
package code runs when something does use it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


@pytest.mark.parametrize("qt", [False, True], ids=["cli", "app"])
def test_lancedb_works_without_loading_the_rest_client(tmp_path, qt):
    """Also in the app, where PySide6's import hook inspects each new module (it asks for ``__wrapped__``)."""
    out = _run(f"""
        import sys
        if {qt}:
            import PySide6.QtWidgets
        import pyarrow as pa
        from album.core.store.lancedb_import import import_lancedb

        db = import_lancedb().connect({str(tmp_path)!r})
        schema = pa.schema([pa.field("id", pa.string()), pa.field("v", pa.list_(pa.float32(), 2))])
        table = db.create_table("t", schema=schema)
        table.add([{{"id": "a", "v": [1.0, 0.0]}}, {{"id": "b", "v": [0.0, 1.0]}}])
        print(table.search([0.1, 0.9], vector_column_name="v").limit(1).to_list()[0]["id"])
        print(any(m.startswith("lance_namespace_urllib3_client.api") for m in sys.modules))
    """)
    assert out.split() == ["b", "False"]


def test_a_name_from_the_skipped_package_init_still_resolves():
    out = _run("""
        from album.core.store.lancedb_import import import_lancedb

        import_lancedb()
        import lance_namespace_urllib3_client as client
        print(client.TableApi.__name__, client.models.JsonArrowField.__name__)
    """)
    assert out.split() == ["TableApi", "JsonArrowField"]
