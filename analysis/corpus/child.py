"""The child process of :class:`analysis.corpus.readers.Reader`: reads the documents it is sent.

Protocol: pickles over standard input and output.  It answers ``("ready",
pid)`` once the package is imported, then, for each ``(path, use_cache)``,
``("result", result)``.  Anything else the libraries print goes to standard
error, so standard output carries the protocol only.  End of input ends it.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path


def main() -> None:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    tasks = sys.stdin.buffer

    # imported before "ready": the time limit counts reading, not importing
    import analysis.audit
    import analysis.budget
    import analysis.budget_execution.figures  # noqa: F401

    from .document import read_in_process

    pickle.dump(("ready", os.getpid()), answers)
    answers.flush()
    while True:
        try:
            path, use_cache = pickle.load(tasks)
        except EOFError:
            return
        result = read_in_process(Path(path), use_cache, time.perf_counter())
        pickle.dump(("result", result), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    main()
