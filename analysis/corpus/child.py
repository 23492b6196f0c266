"""The child process of :class:`analysis.corpus.readers.Reader`: reads the documents it is sent.

Protocol: pickles over standard input and output.  It answers ``("ready",
pid)`` once the package is imported, then, for each ``("read", path, use_cache)``
— or ``("prior", path, prior, use_cache)``: the audit of a document against last
year's — ``("result", result)``.  Anything else the libraries print goes to
standard error, so standard output carries the protocol only.  End of input ends it.
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

    from .document import audit_with_prior_in_process, read_in_process

    pickle.dump(("ready", os.getpid()), answers)
    answers.flush()
    while True:
        try:
            task = pickle.load(tasks)
        except EOFError:
            return
        if task[0] == "prior":
            _, path, prior, use_cache = task
            result = audit_with_prior_in_process(Path(path), Path(prior), use_cache)
        else:
            _, path, use_cache = task
            result = read_in_process(Path(path), use_cache, time.perf_counter())
        pickle.dump(("result", result), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    main()
