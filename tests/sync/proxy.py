"""A small TCP proxy on loopback that can cut the link at chosen moments."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections.abc import Callable


class CuttingProxy:
    """Forwards 127.0.0.1:<port> to the PostgreSQL server; cuts when a rule says so.

    ``cut_on_commit``: drop every link as soon as the server reports a COMMIT, before the
    desk hears it (the server has committed, the desk does not know).
    ``cut_after_chunks``: drop the link after that many server-to-desk chunks in total.
    """

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432)) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_on_commit = False
        self.cut_after_chunks: int | None = None
        self.chunks = 0
        self.cuts = 0
        self.on_cut: Callable[[], None] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self.listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _should_cut(self, data: bytes) -> bool:
        with self._lock:
            self.chunks += 1
            if self.cut_on_commit and b"COMMIT\x00" in data:
                self.cuts += 1
                return True
            if self.cut_after_chunks is not None and self.chunks >= self.cut_after_chunks:
                self.cut_after_chunks = None
                self.cuts += 1
                return True
            return False

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([client, server], [], [], 0.2)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is server:
                        if self._should_cut(data):
                            return
                        client.sendall(data)
                    else:
                        server.sendall(data)
        except OSError:
            return
        finally:
            for sock in (client, server):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        self._thread.join(timeout=2)
