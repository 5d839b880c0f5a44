"""Qt objects in reference cycles are freed on the GUI thread, not by whichever thread allocates."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from album.gui.collector import GuiCollector, collection_held


def allocate_in_a_worker(kept: list[object]) -> None:
    """What a thumbnail loader or LanceDB's event loop does all day: make objects (many times the young
    generation's threshold; kept, as a worker's results are)."""
    worker = threading.Thread(target=lambda: kept.extend([] for _ in range(50_000)), name="worker")
    worker.start()
    worker.join()


def widget_in_a_cycle(destroyed_in: list[str]) -> None:
    widget = QWidget()
    widget.destroyed.connect(lambda: destroyed_in.append(threading.current_thread().name))
    widget.itself = widget  # type: ignore[attr-defined]  # a reference cycle: only the collector frees it


def test_a_widget_in_a_cycle_is_freed_on_the_gui_thread(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GuiCollector(qapp)
    try:
        destroyed_in: list[str] = []
        widget_in_a_cycle(destroyed_in)
        results: list[object] = []
        allocate_in_a_worker(results)
        assert destroyed_in == []  # the worker's allocations collected nothing
        qtbot.waitUntil(lambda: destroyed_in == [threading.main_thread().name], timeout=5_000)
        assert len(results) == 50_000
    finally:
        collector.stop()
        collector.deleteLater()


def test_nothing_is_collected_while_held(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GuiCollector(qapp)
    try:
        destroyed_in: list[str] = []
        with collection_held():
            widget_in_a_cycle(destroyed_in)
            results: list[object] = []
            allocate_in_a_worker(results)
            collector.collect()
            assert destroyed_in == []
        collector.collect()
        assert destroyed_in == [threading.main_thread().name]
    finally:
        collector.stop()
        collector.deleteLater()
