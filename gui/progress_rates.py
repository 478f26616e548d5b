"""How often a training run's progress travels from the loop to the screen, in one place.

Three stages, each slower than the one before, so that the GUI thread, which
shares Python's GIL with the training thread, does as little as it can:

1. The core loop counts loss and accuracy every REPORT_INTERVAL batches (a
   report costs one host sync, so not every batch).
2. The worker passes at most PROGRESS_EVENTS_PER_SECOND of those reports on as
   signals (log steps, epoch ends and the last batch always go), measured on
   the worker's own clock, so that a fast loop cannot flood the GUI's queue.
3. The GUI keeps only the latest values and redraws the curves every
   REDRAW_INTERVAL_MS (10 times a second), and the progress text on every
   TEXT_EVERY_N_REDRAWS-th redraw (5 times a second).
"""

from __future__ import annotations

REPORT_INTERVAL = 5  # batches between progress events from the core, in the app
PROGRESS_EVENTS_PER_SECOND = 15  # at most, from the worker to the GUI thread
REDRAW_INTERVAL_MS = 100  # curves: 10 redraws a second
TEXT_EVERY_N_REDRAWS = 2  # progress bar, speed and time left: 5 times a second
