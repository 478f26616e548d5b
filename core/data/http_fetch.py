"""One URL streamed into a file, with a Cancel that works within a second whatever the server does.

A server may accept the connection and never answer, send a byte every few
seconds, or stream without end. The connection therefore lives in a helper
thread that only reads, with socket timeouts of a few seconds; the calling
thread takes what arrives from a queue, waking at least every
``poll_s`` to look at ``cancelled()``, and gives up when too little has
arrived for ``stall_s`` or more than ``max_bytes`` did. On any way out the
helper's connection is shut down, so that it ends at once too.
"""

from __future__ import annotations

import contextlib
import http.client
import queue
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from core.base.i18n import _
from core.base.safe_files import CHUNK_BYTES, Cancelled, raise_if_cancelled

QUEUED_CHUNKS = 8  # read ahead of the file at most this many chunks
USER_AGENT = "pytorch/vision"  # as torchvision's own downloads say


@dataclass(frozen=True)
class NetworkLimits:
    """How long to wait for a server, and how slow it may be."""

    timeout_s: float = 5.0  # to connect, to get the answer's headers, and for each read
    stall_s: float = 15.0  # give up when less than min_progress_bytes arrived in this long
    min_progress_bytes: int = 16 * 1024
    poll_s: float = 0.2  # how often the waiting thread looks at cancelled()


class DownloadError(Exception):
    """This URL did not deliver (no answer, stalled, too large, an HTTP error); the message says which."""


class _Reader(threading.Thread):
    """Open the URL; queue ("start", length), ("data", bytes) (b"" at the end) or ("error", exc)."""

    def __init__(self, url: str, timeout_s: float) -> None:
        super().__init__(name="download", daemon=True)
        self.url = url
        self.timeout_s = timeout_s
        self.items: queue.Queue[tuple[str, object]] = queue.Queue(QUEUED_CHUNKS)
        self.aborted = threading.Event()
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None  # a duplicate of the connection's, to shut it down

    def run(self) -> None:
        try:
            request = urllib.request.Request(self.url, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                try:
                    self._hold(response.fileno())
                    self._put(("start", int(response.headers.get("Content-Length") or 0)))
                    while not self.aborted.is_set():
                        chunk = response.read1(CHUNK_BYTES)  # what has arrived, without waiting for more
                        self._put(("data", chunk))
                        if not chunk:
                            break
                finally:
                    self._release()
        except Exception as exc:
            self._put(("error", exc))

    def _hold(self, fd: int) -> None:
        with self._lock:
            if self.aborted.is_set():
                raise DownloadError("cancelled")  # never shown: the caller has gone
            self._socket = socket.socket(fileno=socket.dup(fd))

    def _release(self) -> None:
        with self._lock:
            if self._socket is not None:
                self._socket.close()
                self._socket = None

    def _put(self, item: tuple[str, object]) -> None:
        while not self.aborted.is_set():
            try:
                self.items.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def abort(self) -> None:
        """Stop reading: a read waiting on the network returns at once."""
        with self._lock:
            self.aborted.set()
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)


def _reason(exc: BaseException, limits: NetworkLimits) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return _("the server answered {status} {reason}").format(status=exc.code, reason=exc.reason)
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return _("nothing arrived for {seconds:g} seconds").format(seconds=limits.timeout_s)
    return str(exc) or type(exc).__name__


def fetch(
    url: str,
    out: BinaryIO,
    max_bytes: int,
    limits: NetworkLimits = NetworkLimits(),
    cancelled: Cancelled | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write what ``url`` serves to ``out``; return the bytes written.

    ``progress(done, total)`` follows (total 0 when the server does not say).
    Raises DownloadError when the URL does not deliver, CancelledError when
    ``cancelled()`` says so, and the OSError of a failed write to ``out``.
    """
    reader = _Reader(url, limits.timeout_s)
    reader.start()
    try:
        transfer = _Transfer(out, max_bytes, limits, progress)
        while not transfer.ended:
            raise_if_cancelled(cancelled)
            try:
                kind, value = reader.items.get(timeout=limits.poll_s)
            except queue.Empty:
                kind, value = "wait", None
            transfer.take(kind, value)
        return transfer.done
    finally:
        reader.abort()


class _Transfer:
    """What has arrived of one URL, and whether the server is still worth waiting for."""

    def __init__(
        self,
        out: BinaryIO,
        max_bytes: int,
        limits: NetworkLimits,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.out, self.max_bytes, self.limits, self.progress = out, max_bytes, limits, progress
        self.done = self.total = 0
        self.ended = False
        self.mark_bytes, self.mark_time = 0, time.monotonic()

    def take(self, kind: str, value: object) -> None:
        """Handle one item from the reader (``"wait"``: none came within the poll)."""
        if kind == "error":
            if isinstance(value, (OSError, ValueError, http.client.HTTPException, DownloadError)):
                raise DownloadError(_reason(value, self.limits)) from value
            assert isinstance(value, BaseException)  # an exception the reader did not expect
            raise value
        if kind == "start":
            self.total = int(value)  # type: ignore[call-overload]
            if self.total > self.max_bytes:
                raise DownloadError(_too_large(self.max_bytes))
        elif kind == "data":
            self._write(value)  # type: ignore[arg-type]
        self._check_pace()

    def _write(self, chunk: bytes) -> None:
        if not chunk:
            self.ended = True
            return
        self.done += len(chunk)
        if self.done > self.max_bytes:
            raise DownloadError(_too_large(self.max_bytes))
        self.out.write(chunk)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _check_pace(self) -> None:
        now = time.monotonic()
        if self.done - self.mark_bytes >= self.limits.min_progress_bytes:
            self.mark_bytes, self.mark_time = self.done, now
        elif not self.ended and now - self.mark_time > self.limits.stall_s:
            raise DownloadError(
                _("stalled: less than {size} KB arrived in {seconds:g} seconds").format(
                    size=self.limits.min_progress_bytes // 1024, seconds=self.limits.stall_s
                )
            )


def _too_large(max_bytes: int) -> str:
    return _("it sent more than {size:,} bytes, more than the file can be").format(size=max_bytes)
