"""HTTP servers on 127.0.0.1 that misbehave as flaky mirrors do, for the download tests."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from pathlib import Path

STALL = "stall"  # accept the connection, never answer
HEADERS_THEN_STALL = "headers"  # answer the headers, then send nothing
TRICKLE = "trickle"  # one byte every `interval` seconds
ENDLESS = "endless"  # stream zeros without end (no Content-Length)
HUGE = "huge"  # announce a Content-Length far above any MNIST file
FILES = "files"  # serve the files of a folder, as a good mirror does


class FaultyServer(socketserver.ThreadingTCPServer):
    """Serve every request in the way ``mode`` names; ``url`` is its base URL.

    Closing it (a context manager) ends every connection at once.
    """

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, mode: str, interval: float = 1.0, folder: Path | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.interval, self.folder = mode, interval, folder
        self.closing = threading.Event()
        self.requests = 0
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def url(self) -> str:
        """Return the base URL, ending with a slash, as torchvision's mirrors do."""
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def __enter__(self) -> FaultyServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        self.shutdown()
        self.server_close()


class _Handler(socketserver.BaseRequestHandler):
    server: FaultyServer

    def handle(self) -> None:
        server, connection = self.server, self.request
        server.requests += 1
        request = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in request and not server.closing.is_set():
                connection.settimeout(0.1)
                try:
                    data = connection.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    return
                request += data
            self._answer(connection, request.split(b" ")[1].decode() if b" " in request else "/")

    def _answer(self, connection: socket.socket, path: str) -> None:
        server = self.server
        mode = server.mode
        if mode == STALL:
            server.closing.wait()
        elif mode == HEADERS_THEN_STALL:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4542\r\n\r\n")
            server.closing.wait()
        elif mode == TRICKLE:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4542\r\n\r\n")
            while not server.closing.wait(server.interval):
                connection.sendall(b"\0")
        elif mode == ENDLESS:
            connection.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            chunk = bytes(1 << 16)
            while not server.closing.is_set():
                connection.sendall(chunk)
        elif mode == HUGE:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 7400000000\r\n\r\n")
            server.closing.wait()
        elif mode == FILES:
            file = server.folder / path.lstrip("/") if server.folder else None
            if file is None or not file.is_file():
                connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                return
            body = file.read_bytes()
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
