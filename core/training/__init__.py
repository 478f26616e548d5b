"""Training a network.

The loop, the events it reports, stopping and the history of runs, hints, the
lesson's log lines, the test split's predictions; the trainer process in
:mod:`core.training.process`.
"""
