"""A small evaluator for the PyTorch statements a learner types.

:mod:`~core.sandbox.checks` says what may be written, :mod:`~core.sandbox.limits`
how much one run may create, and :mod:`~core.sandbox.session` runs the code and
keeps the variables. In the app all of this runs inside the kernel process
(:mod:`core.kernel`), which is what keeps the app safe from what is typed.
"""

from core.sandbox.checks import SandboxError, normalize_source
from core.sandbox.session import AFTER_CODE, RunResult, Session

__all__ = ["AFTER_CODE", "RunResult", "SandboxError", "Session", "normalize_source"]
