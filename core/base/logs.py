"""The app's log: one rotating file in the per-user data folder, for the window and the CLI alike.

Learners see short messages; what a teacher or a bug report needs (the detail
of a failed run, the traceback of anything unexpected) goes here. Records from
every thread go to the root logger, which the standard library makes
thread-safe.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from core.base.paths import default_log_file

MAX_LOG_BYTES = 1_000_000  # per file; with the backups, a few MB at most on a classroom machine
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_handler: logging.Handler | None = None


class QuietRotatingFileHandler(RotatingFileHandler):
    """A rotating log file that drops a record it cannot write (a full disk) instead of printing a traceback.

    The log serves the learner's messages; it must never add a traceback to a terminal.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """Drop ``record``."""


def configure_logging(path: Path | None = None) -> Path:
    """Send log records of level INFO and above to a rotating file; return its path.

    Calling it again moves the log to ``path``. If the file cannot be created
    (no permission, the data folder is a file, a full disk), records are
    dropped, never printed, and the app goes on.
    """
    global _handler  # noqa: PLW0603 - one file handler per process, replaced on reconfiguration
    path = Path(path) if path is not None else default_log_file()
    root = logging.getLogger()
    close_log()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = QuietRotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        # Without any handler, logging would print warnings and tracebacks to stderr itself.
        _handler = logging.NullHandler()
        root.addHandler(_handler)
        return path
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _handler = handler
    return path


def close_log() -> None:
    """Stop writing to the log file (records still go to any other handler)."""
    global _handler  # noqa: PLW0603 - see configure_logging
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        with contextlib.suppress(OSError, ValueError):  # the last lines could not be written (a full disk)
            _handler.close()
        _handler = None


def log_file() -> Path | None:
    """Return the file the log is written to, or None before :func:`configure_logging` or without one."""
    return Path(_handler.baseFilename) if isinstance(_handler, RotatingFileHandler) else None


def log_uncaught_exceptions(tell: Callable[[str], None] | None = None) -> None:
    """Log every exception nobody caught, in any thread, with its traceback.

    ``tell(text)`` is called afterwards with a one-line summary (from the thread
    that failed), so that a front end can show it.
    """
    logger = logging.getLogger("pytorch_basics")

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        logger.error("Unexpected error", exc_info=(kind, exc, tb))
        if tell is not None:
            tell(f"{kind.__name__}: {exc}")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
