"""Learner code run as Python: a session keeps its variables, settings and notes between runs.

:mod:`~core.tensors.sandbox.checks` reads the source first (full-width punctuation,
``async``), :mod:`~core.tensors.sandbox.limits` keeps output and time to a size that
leaves the session alive, :mod:`~core.tensors.sandbox.session` runs the code, and
:mod:`~core.tensors.sandbox.tutorial_support` makes the tutorials' data sets and
models work offline. None of this makes code safe: in the app it all runs
inside the kernel process (:mod:`core.kernel`), which the OS confines.
"""

from core.tensors.sandbox.checks import SandboxError, normalize_source
from core.tensors.sandbox.session import AFTER_CODE, RunResult, Session, plain_tensor, reading_values

__all__ = [
    "AFTER_CODE",
    "RunResult",
    "SandboxError",
    "Session",
    "normalize_source",
    "plain_tensor",
    "reading_values",
]
