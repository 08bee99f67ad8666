"""Rendering a batch of laid-out notices, over the machine's cores when the batch is big.

A notice takes a few milliseconds as PDF and about twice that as PNG in one process, so a
pool pays only from a few hundred documents on. On Linux, a single-threaded caller forks
its workers: they start at once, with the fonts already read. Elsewhere, or when the
caller runs threads (a GUI, a database pool: forking those is unsafe), workers are
spawned: a fresh interpreter that imports this package and re-imports the caller's main
module, so a script that renders a big batch needs the ``if __name__ == "__main__"``
guard (the ``checkin`` command has it). A frozen application (PyInstaller) renders
in-process: its spawned children would start the application again. If the pool breaks,
the rest of the batch is rendered in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from checkin.notices.fonts import FontSet
from checkin.notices.page import Layout
from checkin.notices.pdf import DocumentInfo, PdfWriter
from checkin.notices.raster import Rasteriser, png_bytes

log = logging.getLogger(__name__)

POOL_FROM = 200  # documents (a PDF or a PNG each) from which a batch uses worker processes
_CHUNK = 20  # notices a worker renders per task: few round trips, even load at the end


@dataclass(frozen=True)
class Page:
    """One notice to draw: its layout and the PDF's title and author."""

    layout: Layout
    info: DocumentInfo


@dataclass(frozen=True)
class Rendered:
    """One notice's documents (None for a format that was not asked for)."""

    pdf: bytes | None
    png: bytes | None


class BatchDrawer:
    """Draws pages with one batch's prepared fonts (a back-end per format asked for)."""

    def __init__(self, pdf: PdfWriter | None, raster: Rasteriser | None) -> None:
        self.pdf = pdf
        self.raster = raster

    def draw(self, page: Page) -> Rendered:
        return Rendered(
            pdf=self.pdf.document(page.layout, page.info) if self.pdf else None,
            png=png_bytes(self.raster.image(page.layout), self.raster.dpi) if self.raster else None)


def cores() -> int:
    """The cores this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(documents: int, workers: int | None = None) -> int:
    """Processes to use for ``documents`` documents: 0 means in this process."""
    if workers is None:
        if documents < POOL_FROM or getattr(sys, "frozen", False):
            return 0
        workers = cores()
    return workers if workers > 1 else 0


def draw_all(drawer: BatchDrawer, fonts: FontSet, subsets: dict[str, Path],
             pages: Sequence[Page], workers: int | None = None) -> Iterator[Rendered]:
    """Each page's documents, in order; in worker processes when the batch is big.

    ``drawer`` draws in this process; a worker builds its own from ``fonts`` (for the
    PNG) and ``subsets`` (the batch's font subsets, for the PDF).
    """
    formats = [f for f, backend in (("pdf", drawer.pdf), ("png", drawer.raster)) if backend]
    dpi = drawer.raster.dpi if drawer.raster else 0
    count = worker_count(len(pages) * len(formats), workers)
    done = 0
    if count:
        chunks = [pages[i:i + _CHUNK] for i in range(0, len(pages), _CHUNK)]
        pool = None
        _WORKER[:] = [drawer]  # a forked worker starts with it, fonts read, masks made
        try:
            pool = ProcessPoolExecutor(max_workers=min(count, len(chunks)), mp_context=_context(),
                                       initializer=_start_worker,
                                       initargs=(fonts, subsets, tuple(formats), dpi))
            for results in pool.map(_draw_chunk, chunks):
                yield from results
                done += len(results)
        except (BrokenProcessPool, OSError, NotImplementedError) as exc:
            # No workers on this system (no semaphores, no fork), or one died: go on here.
            log.warning("notice workers failed (%s): rendering the rest in-process", exc)
        finally:
            _WORKER.clear()
            if pool is not None:
                # The caller may stop early (a full disk): drop the chunks not started.
                pool.shutdown(wait=True, cancel_futures=True)
    for page in pages[done:]:
        yield drawer.draw(page)


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_WORKER: list[BatchDrawer] = []


def _start_worker(fonts: FontSet, subsets: dict[str, Path], formats: tuple[str, ...],
                  dpi: int) -> None:
    if not _WORKER:  # spawned: a fresh interpreter
        _WORKER.append(BatchDrawer(PdfWriter(subsets) if "pdf" in formats else None,
                                   Rasteriser(fonts, dpi) if "png" in formats else None))


def _draw_chunk(pages: Sequence[Page]) -> list[Rendered]:
    return [_WORKER[0].draw(page) for page in pages]
