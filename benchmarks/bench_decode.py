"""Decode benchmark: engines x pre-processing steps on synthetic 1280x720 desk frames.

Run on demand (not under pytest)::

    .venv/bin/python benchmarks/bench_decode.py [--per-condition 20] [--seed 20220429]

Prints a markdown table: decode rate per condition (%), misreads, and time per frame
(median and p95 over all frames, and over empty frames: the common case at a desk).
Stateful decoders (the default's every-Nth-frame fallback) see each frame ``--hold`` times in
a row, as a camera would while a notice is held up; a stateless decoder gives the same answer
every time, so one call is its result.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from pyzbar import pyzbar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from frames import CONDITIONS, Frame, frame_set

from checkin.scanning import preprocess
from checkin.scanning.decoders import (
    Decoder,
    EveryNth,
    Preprocessed,
    PyzbarDecoder,
    ZxingDecoder,
    default_decoder,
    fallback_decoders,
)


class PyzbarAllSymbologies:
    """zbar as it comes (every symbology): the baseline the QR restriction is measured on."""

    name = "pyzbar-all-symbologies"

    def decode(self, gray: np.ndarray) -> list[str]:
        return [s.data.decode("utf-8", "replace") for s in pyzbar.decode(gray)
                if s.type == "QRCODE"]


def variants() -> list[tuple[Decoder, bool]]:
    """(decoder, stateful) pairs to measure."""
    zbar, zbar_inv, zxing = PyzbarDecoder(False), PyzbarDecoder(True), ZxingDecoder()
    steps = [("half", preprocess.downscale2), ("centre", preprocess.centre_crop),
             ("stretch", preprocess.stretch_contrast),
             ("local-stretch", preprocess.local_stretch),
             ("threshold", preprocess.adaptive_threshold)]
    out: list[tuple[Decoder, bool]] = [
        (PyzbarAllSymbologies(), False), (zbar, False), (zbar_inv, False),
        (zxing, False), (ZxingDecoder(try_downscale=False), False),
        (ZxingDecoder(binarizer="GlobalHistogram"), False),
    ]
    for step_name, step in steps:
        out.append((Preprocessed(zbar_inv, step, step_name), False))
        out.append((Preprocessed(zxing, step, step_name), False))
    heavy = fallback_decoders()
    for n in (1, 2, 4):
        out.append((EveryNth(ZxingDecoder(), heavy, n=n), True))
    out.append((EveryNth(ZxingDecoder(), heavy[::-1], n=2), True))
    out.append((EveryNth(ZxingDecoder(), Preprocessed(zxing, preprocess.stretch_contrast,
                                                       "stretch"), n=1), True))
    out.append((EveryNth(ZxingDecoder(), [*heavy, Preprocessed(
        zbar_inv, preprocess.adaptive_threshold, "threshold")], n=2), True))
    default = default_decoder()
    default.name = f"**default**: {default.name}"
    out.append((default, True))
    return out


def measure(decoder: Decoder, frames: list[Frame], stateful: bool, hold: int
            ) -> dict[str, object]:
    hits: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    wrong = 0
    times: list[float] = []
    empty_times: list[float] = []
    for frame in frames:
        totals[frame.condition] += 1
        got: set[str] = set()
        for _ in range(hold if stateful else 1):
            start = time.perf_counter()
            found = decoder.decode(frame.gray)
            elapsed = (time.perf_counter() - start) * 1000.0
            times.append(elapsed)
            if frame.expected is None:
                empty_times.append(elapsed)
            got.update(found)
            if frame.expected in found:
                break
        if frame.expected is not None and frame.expected in got:
            hits[frame.condition] += 1
        wrong += len(got - {frame.expected})
    return {"hits": hits, "totals": totals, "wrong": wrong, "times": times,
            "empty_times": empty_times}


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-condition", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20220429)
    parser.add_argument("--hold", type=int, default=4,
                        help="frames a stateful decoder sees of each held-up notice")
    parser.add_argument("--only", default="", help="substring filter on decoder names")
    args = parser.parse_args(argv)

    frames = list(frame_set(args.per_condition, seed=args.seed))
    conditions = [c for c in CONDITIONS if c != "empty"]
    header = ["decoder", *conditions, "all hard", "misreads", "median ms", "p95 ms",
              "empty median ms", "empty p95 ms"]
    print(f"{len(frames)} frames 1280x720, {args.per_condition} per condition, seed "
          f"{args.seed}, hold {args.hold}, {os.cpu_count()} CPUs\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for decoder, stateful in variants():
        if args.only and args.only not in decoder.name:
            continue
        decoder.decode(frames[0].gray)  # warm-up: library loading, first allocations
        result = measure(decoder, frames, stateful, args.hold)
        hits, totals = result["hits"], result["totals"]
        assert isinstance(hits, dict) and isinstance(totals, dict)
        rates = [f"{100 * hits[c] / totals[c]:.0f}" for c in conditions]
        all_hard = 100 * sum(hits[c] for c in conditions) / sum(totals[c] for c in conditions)
        times, empty = result["times"], result["empty_times"]
        assert isinstance(times, list) and isinstance(empty, list)
        row = [decoder.name, *rates, f"{all_hard:.0f}", str(result["wrong"]),
               f"{statistics.median(times):.1f}", f"{p95(times):.1f}",
               f"{statistics.median(empty):.1f}", f"{p95(empty):.1f}"]
        print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
