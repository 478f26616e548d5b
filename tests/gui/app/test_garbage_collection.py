"""Cyclic garbage is collected in the GUI thread, never in a job's thread."""

from __future__ import annotations

import gc
import threading
import weakref

from gui.app.startup import collect_garbage_in_gui_thread


class Cycle:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


def test_cycles_made_in_a_thread_are_collected_in_the_gui_thread(qapp, qtbot):
    was_enabled = gc.isenabled()
    try:
        collect_garbage_in_gui_thread(qapp)
        assert not gc.isenabled()
        freed_in: list[str] = []

        def make_garbage() -> None:
            for _ in range(5000):  # well past generation 0's threshold
                weakref.finalize(Cycle(), lambda: freed_in.append(threading.current_thread().name))

        worker = threading.Thread(target=make_garbage, name="job")
        worker.start()
        worker.join()
        assert freed_in == []  # nothing collected in the thread that made the garbage
        qtbot.waitUntil(lambda: len(freed_in) == 5000, timeout=5000)
        assert set(freed_in) == {threading.main_thread().name}
    finally:
        collect_garbage_in_gui_thread(qapp).timer.stop()
        collect_garbage_in_gui_thread.cache_clear()
        if was_enabled:
            gc.enable()
