"""Corpus throughput: pages per second and documents per minute with 1 and 2 workers.

python benchmarks/corpus_throughput.py [PDF_FOLDER] [--copies N] [--rejected N]

The real PDFs (default ``tests/fixtures/realworld``) are repeated ``N`` times
(default: enough for at least 100 documents) as links in a temporary folder,
with ``--rejected`` files the reader turns down after reading them (ten pages
of text that is not a budget, each its own file).  Cold runs read every file
afresh (no cache: identical copies would otherwise be cache hits); then the
cache is filled (successes and failures alike) and the whole batch re-read.
Peak memory is the largest resident set of any worker process.  Prints a
table and an estimate for 10,000 documents.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_batch(source: Path, copies: int, folder: Path) -> list[Path]:
    pdfs = sorted(source.glob("*.pdf"))
    out = []
    for k in range(copies):
        for pdf in pdfs:
            link = folder / f"{k:03d}_{pdf.name}"
            link.symlink_to(pdf.resolve())
            out.append(link)
    return out


def make_rejected(count: int, folder: Path) -> list[Path]:
    """PDFs that are read in full and then rejected as not a budget (distinct files: distinct hashes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = []
    for k in range(count):
        path = folder / f"rejected_{k:02d}.pdf"
        c = canvas.Canvas(str(path), pagesize=A4)
        for page in range(10):
            for line in range(50):
                c.drawString(60, 780 - line * 15, f"Annual report {k}, page {page + 1}, line {line + 1}: minutes.")
            c.showPage()
        c.save()
        out.append(path)
    return out


def run(paths: list[Path], workers: int, use_cache: bool) -> dict:
    from analysis.corpus import read_corpus

    started = time.perf_counter()
    corpus = read_corpus(paths, workers=workers, use_cache=use_cache)
    seconds = time.perf_counter() - started
    docs = corpus.documents
    pages = int(docs.pages.sum())
    return {
        "workers": workers,
        "cache": "warm" if use_cache else "off",
        "documents": len(docs) + len(corpus.failures),
        "failed": len(corpus.failures),
        "pages": pages,
        "seconds": seconds,
        "pages_per_s": pages / seconds,
        "docs_per_min": (len(docs) + len(corpus.failures)) / seconds * 60,
        "peak_rss_mb_per_worker": float(docs.peak_rss_mb.max()) if len(docs) else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "fixtures" / "realworld"))
    parser.add_argument("--copies", type=int, default=None)
    parser.add_argument("--rejected", type=int, default=0, help="files read and rejected (not a budget)")
    args = parser.parse_args()
    source = Path(args.folder)
    n = len(list(source.glob("*.pdf")))
    copies = args.copies or -(-100 // n)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("BUDGET_CACHE_DIR", str(Path(tmp) / "cache"))
        batch = Path(tmp) / "batch"
        batch.mkdir()
        paths = make_batch(source, copies, batch) + make_rejected(args.rejected, batch)
        print(
            f"{len(paths)} documents ({n} PDFs × {copies}, {args.rejected} rejected), {os.cpu_count()} cores",
            file=sys.stderr,
        )
        rows = [run(paths, 1, use_cache=False), run(paths, 2, use_cache=False)]
        run(paths[:n] + paths[n * copies :], 2, use_cache=True)  # fill the cache: each distinct file once
        rows.append(run(paths, 2, use_cache=True))
    names = ["workers", "cache", "docs", "pages", "seconds", "pages/s", "docs/min", "peak MB"]
    widths = [7, 5, 5, 6, 8, 8, 9, 8]
    print(" ".join(f"{name:>{width}}" for name, width in zip(names, widths, strict=True)))
    for r in rows:
        print(
            f"{r['workers']:>7} {r['cache']:>5} {r['documents']:>5} {r['pages']:>6} {r['seconds']:>8.1f} "
            f"{r['pages_per_s']:>8.1f} {r['docs_per_min']:>9.1f} {r['peak_rss_mb_per_worker']:>8.0f}"
        )
    one, two, cached = rows
    speedup = two["pages_per_s"] / one["pages_per_s"]
    print(f"\n2 workers / 1 worker throughput: {speedup:.2f}×")
    print(f"cached re-run / cold run (2 workers): {cached['seconds'] / two['seconds']:.1%}")
    per_doc_core = one["seconds"] / one["documents"]
    core_hours = 10_000 * per_doc_core / 3600
    print(
        f"\n10,000 documents like these: {per_doc_core:.2f} s per document on one core → {core_hours:.1f} core-hours;"
        f" on 2 cores here ≈ {10_000 / two['docs_per_min'] / 60:.1f} h;"
        f" on a cluster of 8 machines × 8 cores (64 workers, at this machine's per-core speed and"
        f" {two['peak_rss_mb_per_worker']:.0f} MB per worker) ≈ {core_hours / 64 * 60:.0f} min plus scheduling."
    )


if __name__ == "__main__":
    main()
