"""album's package data: found through the package, current with its sources, valid for desktops."""

from __future__ import annotations

import subprocess
from pathlib import Path

from album import resources

ROOT = Path(__file__).resolve().parents[1]


def test_package_data_is_inside_the_package_and_complete() -> None:
    folder = resources.resource_dir()
    assert folder == ROOT / "album" / "resources"
    assert (resources.translations_dir() / "album_zh_CN.qm").stat().st_size > 1000
    sizes = sorted(int(p.parts[-3].split("x")[0]) for p in resources.icon_theme_dir().glob("*x*/apps/album.png"))
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]
    assert resources.desktop_file().is_file() and resources.metainfo_file().is_file()


def test_the_packaged_icon_is_the_current_drawing() -> None:
    packaged = resources.icon_theme_dir() / "scalable" / "apps" / "album.svg"
    source = ROOT / "resources" / "icons" / "album.svg"
    assert packaged.read_bytes() == source.read_bytes(), "run python packaging/make_icons.py"


def test_desktop_entry_and_appstream_metadata_validate() -> None:
    subprocess.run(["desktop-file-validate", str(resources.desktop_file())], check=True)
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(resources.metainfo_file())],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert f"<launchable type=\"desktop-id\">{resources.desktop_file().name}</launchable>" in (
        resources.metainfo_file().read_text()
    )
