"""A TCP gate in front of the local PostgreSQL: open it, close it, as if the server came and went.

Closing stops listening (new connections are refused) and cuts every live
connection (pooled ones break mid-use), which is what a database restart looks
like from the service, without stopping the server other tests share.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

from sqlalchemy.engine import make_url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


class PostgresGate:
    """Forwards 127.0.0.1:<port> to the server of `upstream_url` while open."""

    def __init__(self, upstream_url: str) -> None:
        self._upstream_url = make_url(upstream_url)
        self._upstream = (self._upstream_url.host or "127.0.0.1", self._upstream_url.port or 5432)
        self.port = _free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """`upstream_url`, but through the gate."""
        return self._upstream_url.set(host="127.0.0.1", port=self.port).render_as_string(
            hide_password=False
        )

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        """Refuse new connections and cut the live ones."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._upstream)
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=_pump, args=(client, server), daemon=True).start()
            threading.Thread(target=_pump, args=(server, client), daemon=True).start()


@contextlib.contextmanager
def postgres_gate(upstream_url: str, *, open_now: bool = True) -> Iterator[PostgresGate]:
    gate = PostgresGate(upstream_url)
    if open_now:
        gate.open()
    try:
        yield gate
    finally:
        gate.close()
