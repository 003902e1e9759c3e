"""A server spawner for the crash test: this process imports the server once, then forks a fresh
server process for every `PORT DATABASE` line it reads and answers with the child's pid. The
child is a real, separate server process (its own event loop, connections and memory), so a
SIGKILL of it is a real crash; the fork only saves the second of imports a restart would cost."""

from __future__ import annotations

import os
import signal
import sys

import uvicorn

import ippon.services.snapshots  # noqa: F401  (imported lazily by the server; warm it here)
from ippon.settings import Settings
from ippon.web.app import create_app


def serve(port: int, database: str) -> None:
    settings = Settings.load({"port": port, "database": database}, environ={})
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="error",
                ws="websockets-sansio")


def main() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    for line in sys.stdin:
        port, database = line.split(maxsplit=1)
        pid = os.fork()
        if pid == 0:
            sys.stdin.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            serve(int(port), database.strip())
            os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    main()
