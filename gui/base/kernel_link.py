"""The kernel as the window sees it: a signal when it is lost, and what to tell the learner.

The kernel client calls its listeners from a background thread; the link
turns that into a Qt signal, delivered in the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from core.kernel import KernelClient
from core.kernel.protocol import EXERCISES, QUESTIONS, TENSORS
from core.process import problems as kernel
from core.process.problems import KernelProblem
from core.tensors.errors import format_bytes

# The tab a message names, translated where the message is made.
TENSORS_TAB = QT_TRANSLATE_NOOP("KernelLink", "Tensors")
AUTOGRAD_TAB = QT_TRANSLATE_NOOP("KernelLink", "Autograd")
EXERCISES_TAB = QT_TRANSLATE_NOOP("KernelLink", "Exercises")
ENDED_FROM_OUTSIDE = ("SIGKILL", "SIGTERM", "SIGHUP", "SIGINT")  # an exit status the app's own kill never has


class KernelLink(QObject):
    """Emit :attr:`lost` (in the GUI thread) whenever the kernel is lost and replaced."""

    lost = Signal(object)

    def __init__(self, kernel_client: KernelClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kernel = kernel_client
        kernel_client.add_listener(self._on_lost)

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self.kernel.remove_listener(self._on_lost)

    def _on_lost(self, problem: KernelProblem) -> None:
        self.lost.emit(problem)  # queued: the receivers live in the GUI thread


def problem_message(problem: KernelProblem) -> str:
    """Say in plain words what happened to a request, and what it means for the variables."""
    text = _what_happened(problem)
    if problem.reset:
        text += " " + QCoreApplication.translate(
            "KernelLink",
            "A fresh Python process has started for your code, so your variables are gone: "
            "run the earlier steps again to get them back.",
        )
    return text


def other_tab_message(problem: KernelProblem) -> str:
    """Tell a tab that the kernel was lost while another tab, a question or nothing was using it."""
    if problem.exit_status in ENDED_FROM_OUTSIDE:  # a signal the app did not send: no code is to blame
        return QCoreApplication.translate(
            "KernelLink",
            "The Python process that runs typed code was ended from outside the app ({0}: the operating "
            "system, short of memory, or another program). A fresh one has started, so the variables "
            "here are gone: run the earlier steps again to get them back.",
        ).format(problem.exit_status)
    if problem.session is None:
        return QCoreApplication.translate(
            "KernelLink",
            "The Python process that runs typed code stopped by itself ({0}). A fresh one has started, "
            "so the variables here are gone: run the earlier steps again to get them back.",
        ).format(problem.exit_status or "?")
    if problem.session == QUESTIONS:
        return QCoreApplication.translate(
            "KernelLink",
            "Computing a question's answer stopped the Python process that runs typed code. A fresh one "
            "has started, so the variables here are gone: run the earlier steps again to get them back.",
        )
    tab_name = {TENSORS: TENSORS_TAB, EXERCISES: EXERCISES_TAB}.get(problem.session or "", AUTOGRAD_TAB)
    return QCoreApplication.translate(
        "KernelLink",
        "Code in the {0} tab stopped the Python process that runs typed code. A fresh one has started, "
        "so the variables here are gone too: run the earlier steps again to get them back.",
    ).format(QCoreApplication.translate("KernelLink", tab_name))


def _what_happened(problem: KernelProblem) -> str:  # noqa: PLR0911 - one sentence per case
    reason, line, statement = problem.reason, problem.line, problem.statement
    running = bool(line) and bool(statement)
    if reason == kernel.TIMEOUT:
        seconds = f"{problem.limit:g}"
        if running:
            return QCoreApplication.translate(
                "KernelLink", "Line {0} ({1}) ran longer than {2} seconds and was stopped."
            ).format(line, statement, seconds)
        if line == 0:
            return QCoreApplication.translate(
                "KernelLink",
                "Your code ran, but showing its result took longer than {0} seconds, so it was stopped.",
            ).format(seconds)
        return QCoreApplication.translate(
            "KernelLink", "This ran longer than {0} seconds and was stopped."
        ).format(seconds)
    if reason == kernel.STOPPED:
        if not problem.reset:
            return QCoreApplication.translate("KernelLink", "Stopped before anything ran.")
        if running:
            return QCoreApplication.translate("KernelLink", "You stopped line {0} ({1}).").format(
                line, statement
            )
        return QCoreApplication.translate("KernelLink", "You stopped it.")
    if reason == kernel.CRASHED:
        how = problem.exit_status or "?"
        if running:
            return QCoreApplication.translate(
                "KernelLink", "Line {0} ({1}) crashed the Python process that runs your code ({2})."
            ).format(line, statement, how)
        if line == 0:
            return QCoreApplication.translate(
                "KernelLink",
                "Showing the result crashed the Python process that runs your code ({0}): "
                "a tensor whose memory was changed behind its back can do that.",
            ).format(how)
        return QCoreApplication.translate(
            "KernelLink", "The Python process that runs your code crashed ({0})."
        ).format(how)
    if reason == kernel.MEMORY:
        return _memory_message(problem)
    return _other_message(problem)


def _memory_message(problem: KernelProblem) -> str:
    if problem.limit is None:  # killed by the operating system, not by the app
        return QCoreApplication.translate(
            "KernelLink",
            "The operating system ended the Python process that runs your code, most likely because "
            "the computer ran out of memory.",
        )
    budget = format_bytes(problem.limit)
    if problem.line and problem.statement:
        return QCoreApplication.translate(
            "KernelLink", "Line {0} ({1}) used more memory than typed code may use ({2}) and was stopped."
        ).format(problem.line, problem.statement, budget)
    return QCoreApplication.translate(
        "KernelLink", "This used more memory than typed code may use ({0}) and was stopped."
    ).format(budget)


def _other_message(problem: KernelProblem) -> str:
    if problem.reason == kernel.UNREADABLE:
        return QCoreApplication.translate(
            "KernelLink",
            "The Python process that runs your code sent back something the app cannot read, "
            "so it was stopped to keep the app safe.",
        )
    if problem.reason == kernel.START_FAILED:
        return QCoreApplication.translate(
            "KernelLink",
            "The Python process that runs typed code could not start. Try again; if this keeps "
            "happening, restart the app. ({0})",
        ).format(problem.detail)
    if problem.reason == kernel.TOO_LONG:
        text = QCoreApplication.translate(
            "KernelLink", "That code is too long to run at once (more than {0} characters): run it in parts."
        )
        return text.format(f"{int(problem.limit or 0):,}")
    if problem.reason == kernel.FAILURE:
        return QCoreApplication.translate(
            "KernelLink",
            "Something went wrong inside the app while running your code; your variables are kept. ({0})",
        ).format(problem.detail)
    return QCoreApplication.translate("KernelLink", "The app is closing.")
