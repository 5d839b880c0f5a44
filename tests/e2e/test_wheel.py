"""The built wheel, installed (not editable) in a fresh venv, carries the icon and the Chinese UI."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
from pathlib import Path
import album
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from album.gui.app import app_icon
from album.gui.i18n import install_translators
assert Path(album.__file__).is_relative_to(Path(sys.prefix)), album.__file__  # the installed copy, not the source
app = QApplication([])
sizes = sorted(s.width() for s in app_icon().availableSizes())
assert sizes == [16, 24, 32, 48, 64, 128, 256, 512], sizes
assert len(install_translators(app, "zh_CN")) == 3  # English plural forms, Chinese, Qt's own Chinese
print(QCoreApplication.translate("MainWindow", "&File"))
"""


@pytest.mark.slow
def test_the_installed_wheel_has_the_icon_and_speaks_chinese(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True, cwd=tmp_path)  # fmt: skip
    (wheel,) = tmp_path.glob("album-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"album/resources/i18n/album_zh_CN.qm", "album/resources/i18n/album_en.qm"} <= set(names)
    assert "album/resources/icons/hicolor/scalable/apps/album.svg" in names
    assert not any(n.startswith("resources/") for n in names)  # the sources stay in the repository

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # this test's album must not be seen
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    str(wheel)], check=True, env=env)  # fmt: skip
    # album's dependencies come from this test's environment (a plain path entry, so its editable album is not
    # seen); downloading 1 GB of wheels again would test PyPI, not the wheel.
    (site_packages,) = venv.glob("lib/python*/site-packages")
    (site_packages / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    result = subprocess.run([str(python), "-c", CHECK], capture_output=True, text=True, cwd=tmp_path,
                            env={**env, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "文件(&F)"
    assert (venv / "bin" / "album").is_file() and (venv / "bin" / "album-app").is_file()
