"""What importing LanceDB costs a fresh process: plain ``import lancedb``, and album's ``import_lancedb``
(its REST client's package code deferred) as the CLI does it and as the app does it (after PySide6, whose
import hook inspects every new module), and the app as installed, where pandas is absent (this venv has it
for the place table's build: pyarrow imports it with its datasets). Prints the median wall and CPU seconds
of ``--runs`` processes and whether the generated REST client (``lance_namespace_urllib3_client.api``) was
imported.

Usage: python bench/lancedb_import.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys, time
class NoPandas:  # as installed: pandas comes only with the build and test extras (cpca)
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
if {without_pandas}:
    sys.meta_path.insert(0, NoPandas())
if {qt}:
    import PySide6.QtWidgets
    from album.gui import main_window  # the app's modules, imported before the library opens
wall, cpu = time.perf_counter(), time.process_time()
{imports}
print(time.perf_counter() - wall, time.process_time() - cpu, "lance_namespace_urllib3_client.api" in sys.modules)
"""
ALBUM = "from album.core.store.lancedb_import import import_lancedb; import_lancedb()"
CASES = {  # name: (PySide6 and the window's modules first, pandas hidden, the import)
    "import lancedb": (False, False, "import lancedb"),
    "album, CLI": (False, False, ALBUM),
    "album, in the app": (True, False, ALBUM),
    "album, app, no pandas": (True, True, ALBUM),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, (qt, without_pandas, imports) in CASES.items():
        code = CHILD.format(qt=qt, without_pandas=without_pandas, imports=imports)
        runs = []
        for _ in range(opts.runs):
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            wall, cpu, client = out.stdout.split()
            runs.append((float(wall), float(cpu), client == "True"))
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        client = "imported" if any(r[2] for r in runs) else "not imported"
        print(f"{name:<22} {wall:5.2f} s wall, {cpu:5.2f} s CPU (median of {opts.runs}); REST client {client}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
