"""The welcome dialog: models offered with what they give, size and licence; offline, the files and the
folder; a download from a hub on 127.0.0.1 with progress, cancel and resume."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub, serving
from shared_data import SHARED_MODELS, needs_face_data

from album.core.models.faces import OPENCV_PACK, PACK_REPO, PACKS
from album.core.models.layout import CLIP_FILES, FACE_FILES
from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL
from album.gui.first_run import WelcomeDialog
from album.gui.window_state import FIRST_RUN_DONE

CLIP_REPO = CLIP_MODELS[DEFAULT_CLIP_MODEL].hf_repo
WEIGHTS = os.urandom(6 << 20)  # six of the 1 MiB blocks between which a download can stop


def clip_repo() -> dict[str, bytes]:
    files = {name: f"{name}\n".encode() for name in CLIP_FILES}
    files["visual/model.onnx"] = WEIGHTS
    return files


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    faces = {name: bytes([7]) * 4096 for name in FACE_FILES}
    pair = {s.repo: {s.path: bytes([8]) * 3000} for s in PACKS[OPENCV_PACK].sources}
    with serving(FakeHub({CLIP_REPO: clip_repo(), PACK_REPO: faces, **pair})) as served:
        monkeypatch.setenv("HF_ENDPOINT", served.url)
        yield served


def welcome(window: Any, qtbot: Any) -> WelcomeDialog:
    window.offer_models()
    dialog: WelcomeDialog = window.welcome_dialog
    qtbot.waitUntil(lambda: dialog.catalogue is not None, timeout=30_000)
    return dialog


def test_offline_the_dialog_names_every_file_and_the_folder_and_album_stays_usable(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(FakeHub()) as stopped:
        pass  # a port nobody listens on any more
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    opened: list[Path] = []
    window.setStyleSheet("QDialog, QDialog QWidget { font-size: 20pt; }")  # large text: the dialog must still fit the screen
    window.offer_models()
    dialog = window.welcome_dialog
    dialog._open_folder = opened.append
    qtbot.waitUntil(lambda: dialog.catalogue is not None, timeout=30_000)
    models = window.paths.models_dir
    assert dialog.offline.isVisible() and not dialog.download_button.isEnabled()
    listed = dialog.files.toPlainText().splitlines()
    assert str(models / "clip" / DEFAULT_CLIP_MODEL / "visual/model.onnx") in listed
    pair = [str(models / "faces" / OPENCV_PACK / s.path) for s in PACKS[OPENCV_PACK].sources]
    assert len(listed) == len(CLIP_FILES) + 2 and set(pair) <= set(listed)  # what is ticked: the licence-clean pair
    dialog.boxes["buffalo_l"].setChecked(True)
    listed = dialog.files.toPlainText().splitlines()
    assert str(models / "faces/buffalo_l/recognition/model.onnx") in listed
    assert len(listed) == len(CLIP_FILES) + 2 + len(FACE_FILES)
    dialog.boxes["buffalo_l"].setChecked(False)
    assert str(models) in dialog.offline_text.text()
    dialog.open_folder_button.click()
    assert opened == [models] and models.is_dir()
    # Sizes offline are the estimates, said as such; the face models' licence is spelled out and not ticked.
    assert not dialog.boxes["buffalo_l"].isChecked() and dialog.boxes[DEFAULT_CLIP_MODEL].isChecked()
    assert dialog.boxes[OPENCV_PACK].isChecked()  # licence-clean: ticked, no agreement needed
    texts = [w.text() for w in dialog.findChildren(type(dialog.state))]
    assert any("about 1.5 GB to download" in t for t in texts)
    assert any("non-commercial research use only" in t for t in texts)
    assert any("could not measure how well they recognise people" in t for t in texts)
    screen = dialog.screen().availableGeometry()  # (offscreen: 800x600)
    qtbot.waitUntil(lambda: dialog.sizeHint().height() > screen.height())  # it would not fit: its list scrolls
    qtbot.waitUntil(lambda: dialog.height() <= screen.height())
    assert dialog.download_button.mapTo(dialog, dialog.download_button.rect().bottomLeft()).y() < dialog.height()

    # Check again, now that the models were put in place by hand: the dialog says so.
    for name in CLIP_FILES:
        (models / "clip" / DEFAULT_CLIP_MODEL / name).parent.mkdir(parents=True, exist_ok=True)
        (models / "clip" / DEFAULT_CLIP_MODEL / name).write_bytes(b"x")
    dialog.catalogue = None
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.catalogue is not None, timeout=30_000)
    listed = dialog.files.toPlainText().splitlines()
    assert listed == pair and not dialog.boxes[DEFAULT_CLIP_MODEL].isEnabled()

    with qtbot.waitSignal(dialog.finished):
        dialog.skip_button.click()  # album works without them
    assert window.window_settings.value(FIRST_RUN_DONE, type=bool) is True
    qtbot.waitUntil(lambda: window.library is not None, timeout=30_000)
    assert window.library.settings.allow_downloads is False  # nothing downloads behind the user's back later
    assert list(window.library.search(window.library.parse("")).hits) == []  # searching works without models


def test_a_download_shows_progress_and_is_cancelled_then_resumed(window: Any, qtbot: Any, fake_hub: FakeHub) -> None:
    dialog = welcome(window, qtbot)
    assert not dialog.offline.isVisible() and dialog.download_button.isEnabled()
    clip = next(o for o in dialog.catalogue.offers if o.kind == "clip")
    assert clip.exact and clip.size == sum(len(data) for data in clip_repo().values())
    fake_hub.delay = 0.01  # ~1.6 MB/s: slow enough to cancel half-way
    dialog.download_button.click()
    assert dialog.cancel_button.isVisible() and not dialog.download_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=30_000)
    shown = dialog.state.text()  # "1.0 MB of 6.3 MB · 1.6 MB/s · visual/model.onnx"
    assert " of " in shown and "/s" in shown and "visual/model.onnx" in shown
    with qtbot.waitSignal(dialog.job.finished, timeout=30_000):
        dialog.cancel_button.click()
    folder = window.paths.models_dir / "clip" / DEFAULT_CLIP_MODEL
    partial = folder / "visual/model.onnx.partial"
    kept = partial.stat().st_size
    assert 0 < kept < len(WEIGHTS)
    assert dialog.download_button.text() == "Resume" and "Resume" in dialog.state.text()
    assert not (folder / "visual/model.onnx").exists()

    fake_hub.delay = 0
    with qtbot.waitSignal(dialog.controller.failed, timeout=1000, raising=False) as failure:
        dialog.download_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert not failure.signal_triggered
    qtbot.waitUntil(lambda: dialog.catalogue is not None and dialog.catalogue.offers[0].installed, timeout=30_000)
    assert fake_hub.ranges == [f"bytes={kept}-"]  # resumed, not started again
    assert (folder / "visual/model.onnx").read_bytes() == WEIGHTS
    assert dialog.downloaded and dialog.skip_button.text() == "Start using album"
    faces = window.paths.models_dir / "faces"
    assert all((faces / OPENCV_PACK / s.path).read_bytes() == bytes([8]) * 3000 for s in PACKS[OPENCV_PACK].sources)
    assert not (faces / "buffalo_l").exists()  # not ticked: not fetched, and its licence not taken as agreed
    assert window.library.settings.face_licence_accepted is False


def test_on_first_run_the_dialog_shows_once_while_models_are_missing(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(FakeHub()) as stopped:
        pass
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    window.offer_models(first_run=True)
    dialog = window.welcome_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.catalogue is not None, timeout=30_000)
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    qtbot.waitUntil(lambda: window.library is not None, timeout=30_000)
    window.offer_models(first_run=True)  # the next start: the user already chose
    assert window.welcome_dialog is dialog


def test_the_settings_download_button_asks_for_the_face_licence_first(
    window: Any, qtbot: Any, fake_hub: FakeHub
) -> None:
    dialog = window.open_settings()
    asked: list[str] = []
    dialog.ask_licence = lambda question: asked.append(question) or False  # the user says no
    dialog.download_faces.click()
    assert "non-commercial" in asked[0]
    assert dialog.download_progress.isHidden() and fake_hub.requests == []
    dialog.ask_licence = lambda _question: True  # the user agrees
    dialog.download_faces.click()
    assert not dialog.download_progress.isHidden()
    qtbot.waitUntil(lambda: dialog.download_progress.isHidden(), timeout=30_000)
    assert all((window.paths.models_dir / "faces/buffalo_l" / name).is_file() for name in FACE_FILES)
    dialog.reject()


@needs_face_data
def test_with_one_face_pack_installed_nothing_is_asked_and_the_other_pack_starts_unticked(
    models_dir: Path, window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """People need one face pack: with one installed (and the CLIP model), a first run asks nothing, and the
    dialog opened from the menu does not tick the other pack for download."""
    faces = models_dir / "faces"
    faces.mkdir(parents=True, exist_ok=True)
    for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        shutil.copyfile(SHARED_MODELS / "faces" / name, faces / name)
    with serving(FakeHub()) as stopped:
        pass
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    window.offer_models(first_run=True)
    assert not hasattr(window, "welcome_dialog")
    dialog = welcome(window, qtbot)  # File ▸ Download Models…
    assert not dialog.boxes[OPENCV_PACK].isChecked() and not dialog.chosen()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
