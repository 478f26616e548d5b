"""A code exercise in the kernel: the learner's code from a fresh session, then its check.

The checks are taken when the kernel warms up (:meth:`ExerciseRunner.__init__`),
before any learner code has run, so code that replaces a check in its module
does not replace the one called here. The check runs under the same time limit
as typed code; an exception from the check itself is "the check could not
run", never a wrong answer.
"""

from __future__ import annotations

from core.base.i18n import _
from core.content.checks import CODE, ExerciseOutcome, Failed, Verdict, Work, load_all
from core.tensors.sandbox import Session
from core.tensors.sandbox.limits import TimeLimitReached, time_limit, time_limit_message


class ExerciseRunner:
    """Run code exercises in a session of their own."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.checks = {name: function for name, (kind, function) in load_all().items() if kind == CODE}

    def run(self, code: str, check: str) -> ExerciseOutcome:
        """Run ``code`` from a fresh session and check what it left."""
        function = self.checks.get(check)
        if function is None:
            message = _("There is no code check called {name}.").format(name=check)
            return ExerciseOutcome("", None, False, message, True)
        self.session.reset()
        result = self.session.run(code)
        if result.error:
            return ExerciseOutcome(result.output, result.error, False, "")
        session = self.session
        made = {  # functions and classes too: a check may call the learner's def or build their class
            name: value
            for name, value in session.namespace.items()
            if not name.startswith("_") and name not in session.predefined
        }
        return _checked(function, Work(made, result.output))


def _checked(function, work: Work) -> ExerciseOutcome:
    """Run one check on the learner's work under the time limit, and say what it found."""
    try:
        with time_limit():
            verdict = function(work)
    except Failed as failure:
        return ExerciseOutcome(work.output, None, False, str(failure))
    except TimeLimitReached:
        return ExerciseOutcome(work.output, None, False, time_limit_message())
    except Exception as exc:  # the check's own fault: neither right nor wrong
        message = _("The check could not run ({error}); tell your teacher.").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        return ExerciseOutcome(work.output, None, False, message, True)
    if type(verdict) is not Verdict:
        message = _("The check could not run (it gave no verdict); tell your teacher.")
        return ExerciseOutcome(work.output, None, False, message, True)
    return ExerciseOutcome(work.output, None, verdict.passed is True, str(verdict.message))
