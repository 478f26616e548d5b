"""How often a training run's progress travels from the loop to the screen, in one place.

Three stages, each slower than the one before, so that neither the loop nor
the GUI thread does more than it must:

1. The core loop counts loss and accuracy every REPORT_INTERVAL batches. A
   report costs a handful of tensor operations and one host sync, about
   30 microseconds; every 5 batches that was over 1% of the MLP's speed on a
   2-core CPU, every 20 it is a quarter of that. The first batch of an epoch,
   its last and the lesson's log steps always report.
2. The training process passes at most PROGRESS_EVENTS_PER_SECOND of those
   reports on to the app (the first, log steps and an epoch's last batch
   always go), so that a fast loop cannot flood the GUI's queue. The MLP
   makes about 70 reports a second on that CPU, LeNet about 19.
3. The GUI keeps only the latest values and redraws the curves every
   REDRAW_INTERVAL_MS (10 times a second), and the progress text on every
   TEXT_EVERY_N_REDRAWS-th redraw (5 times a second).
"""

from __future__ import annotations

REPORT_INTERVAL = 20  # batches between progress events from the core, in the app
PROGRESS_EVENTS_PER_SECOND = 15  # at most, from the training process to the GUI thread
REDRAW_INTERVAL_MS = 100  # curves: 10 redraws a second
TEXT_EVERY_N_REDRAWS = 2  # progress bar, speed and time left: 5 times a second
