"""The time limit per document: each document is read in a child process that can be stopped.

A :class:`Reader` keeps one child Python process (``python -m
analysis.corpus.child``) that reads documents one at a time and answers over
its standard input and output (pickles); it also runs a document's audit
against last year's document (:meth:`Reader.audit`), under the same limit.
When a document takes longer than the limit, the child is killed — whatever
it is stuck in, pure Python or C — and a fresh one is started for the next
document.  The child is an ordinary
subprocess, so this works the same in this process's threads and inside Dask
workers (whose daemonic processes may not fork children of their own).
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

#: seconds a fresh child may take to import the package before it is considered broken
STARTUP_SECONDS = 300


class ReaderError(RuntimeError):
    """The child process could not be started or ended unexpectedly."""


class Reader:
    """One child process reading documents; stopped and replaced when a document overruns its limit."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._replies: queue.Queue | None = None

    def _start(self) -> None:
        package_parent = str(Path(__file__).resolve().parents[2])  # the child imports this very package
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "analysis.corpus.child"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self._replies = queue.Queue()
        threading.Thread(target=_pump, args=(self._proc, self._replies), daemon=True).start()
        try:
            kind, value = self._replies.get(timeout=STARTUP_SECONDS)
        except queue.Empty:
            self.stop()
            raise ReaderError(f"the reading process did not start within {STARTUP_SECONDS} s") from None
        if kind != "ready":
            self._proc = None
            raise ReaderError(f"the reading process could not start (exit status {value})")

    def read(self, path: str, use_cache: bool, timeout: float | None) -> dict | None:
        """The child's result for ``path``, or ``None`` when it took longer than ``timeout`` seconds (then stopped).

        Raises :class:`ReaderError` when the child dies while reading.
        """
        return self._ask(("read", path, use_cache), timeout)

    def audit(self, path: str, prior: str, use_cache: bool, timeout: float | None) -> dict | None:
        """The child's audit of ``path`` against last year's document ``prior``; ``None`` and :class:`ReaderError`
        as :meth:`read`."""
        return self._ask(("prior", path, prior, use_cache), timeout)

    def _ask(self, task: tuple, timeout: float | None) -> dict | None:
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        assert self._proc is not None and self._proc.stdin is not None and self._replies is not None
        try:
            pickle.dump(task, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()
        except OSError:
            code = self._proc.wait()
            self._proc = None
            raise ReaderError(f"the reading process ended unexpectedly (exit status {code})") from None
        try:
            kind, value = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            return None
        if kind == "result":
            return value
        self._proc = None
        raise ReaderError(f"the reading process ended unexpectedly (exit status {value})")

    def stop(self) -> None:
        """Kill the child now (a document overran its limit)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    def close(self) -> None:
        """Let the child finish and exit (end of the batch)."""
        if self._proc is None:
            return
        try:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            self._proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        self._proc = None


def _pump(proc: subprocess.Popen, replies: queue.Queue) -> None:
    """Forward the child's answers to ``replies``; its end as ``("exit", status)``."""
    try:
        while True:
            replies.put(pickle.load(proc.stdout))
    except (EOFError, OSError, pickle.UnpicklingError, ValueError):
        replies.put(("exit", proc.wait()))


class Readers:
    """One :class:`Reader` per thread, closed together."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[Reader] = []
        self._lock = threading.Lock()

    def current(self) -> Reader:
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._local.reader = Reader()
            with self._lock:
                self._all.append(reader)
        return reader

    def close(self) -> None:
        with self._lock:
            readers, self._all = self._all, []
        for reader in readers:
            reader.close()
        self._local = threading.local()
