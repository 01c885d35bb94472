"""Forked children that hand one pickled answer back through a pipe: what every use
of ``os.fork`` in rostercheck shares (the checks, the reader, the ``check`` command)."""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from typing import Callable


def may_fork() -> bool:
    """Whether this process may fork a helper: it can (``os.fork``), it runs one
    thread (forking a threaded process can leave the child with another thread's lock
    held: the web server's workers stay serial), and ``ROSTERCHECK_WORKERS=1`` does
    not ask for one process."""
    return hasattr(os, "fork") and threading.active_count() == 1 and os.environ.get("ROSTERCHECK_WORKERS") != "1"


def fork(work: Callable[[], object]) -> tuple[int, int]:
    """Fork a child that sends ``work()``'s answer back and exits (1, sending nothing,
    if it raises: the parent then does the work itself). In the parent: (pid, the
    pipe to read the answer from, with :func:`answer`). The child never returns and
    never runs the parent's clean-up; it runs without the cyclic collector (what it
    builds lives until it exits, moments later)."""
    fd_r, fd_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(fd_r)
            gc.disable()
            send(fd_w, work())
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    os.close(fd_w)
    return pid, fd_r


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to the pipe, then close it."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.close(fd)


def send(fd: int, answer: object) -> None:
    """In the child: ``answer`` pickled down the pipe."""
    write_all(fd, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def answer(pid: int, fd: int) -> object | None:
    """In the parent: the child's answer once it has exited; None if it failed in any
    way (killed, a non-zero exit, bytes that do not unpickle). Closes ``fd``, reaps ``pid``."""
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:
        return None


def kill(pid: int, fd: int | None = None, *, group: bool = False) -> None:
    """Kill the child (with ``group``: its process group first, all it started),
    close ``fd`` and reap it; quietly, whatever state it is in."""
    if group:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
