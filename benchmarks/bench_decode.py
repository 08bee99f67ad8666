"""Decode benchmark: engines x pre-processing steps on synthetic 1280x720 desk frames.

Run on demand (not under pytest)::

    .venv/bin/python benchmarks/bench_decode.py [--per-condition 20] [--seed 20220429]

Prints a markdown table: decode rate per condition (%), misreads, and time per frame
(median and p95 over all frames, and over empty frames: the common case at a desk).
Stateful decoders (the default's every-Nth-frame fallback) see each frame ``--hold`` times in
a row, as a camera would while a notice is held up; a stateless decoder gives the same answer
every time, so one call is its result.

``--hard`` measures issue 12's hard frames instead: motion blur, defocus and small noisy
modules at their hardest, read per call (each frame decoded once, in a stream that mixes them
with empty frames), then codes no decoder reads (cut at the edge, a thumb on a corner, too
close) where the hint matters, and held sequences (a notice moved into view and held):
frames from coming to rest to the first read, or to the hint.
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

from frames import (
    CONDITIONS,
    HARD_CONDITIONS,
    SEQUENCES,
    UNREADABLE_CONDITIONS,
    Frame,
    frame_set,
    hard_frame_set,
    sequence_set,
)

from checkin.scanning import preprocess
from checkin.scanning.decoders import (
    Decoder,
    EveryNth,
    Preprocessed,
    PyzbarDecoder,
    ZxingDecoder,
    default_decoder,
    fallback_decoders,
    zxing_with_fallbacks,
)
from checkin.scanning.desk import DeskDecoder, FrameScan


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


def _scan(decoder: Decoder, gray: np.ndarray) -> FrameScan:
    if isinstance(decoder, DeskDecoder):
        return decoder.scan(gray)
    return FrameScan(tuple(decoder.decode(gray)))


def hard_variants() -> list[Decoder]:
    return [ZxingDecoder(), zxing_with_fallbacks(), DeskDecoder()]


def _fresh(decoder: Decoder) -> Decoder:
    """A new instance of the same kind (stateful decoders must not carry over a notice)."""
    if isinstance(decoder, EveryNth):
        return zxing_with_fallbacks()
    return type(decoder)()


def measure_hard(per_condition: int, seed: int, per_kind: int, only: str) -> None:
    """Hard frames per call, unreadable frames' hints, held sequences: one table each."""
    rng = np.random.default_rng(seed)
    hard = list(hard_frame_set(per_condition, seed, HARD_CONDITIONS))
    empty = list(frame_set(per_condition, seed + 1, ("empty",)))
    stream = list(hard) + list(empty)
    order = rng.permutation(len(stream))  # hard frames between empty ones, as at a desk
    unreadable = list(hard_frame_set(per_condition, seed + 2, UNREADABLE_CONDITIONS))
    sequences = list(sequence_set(per_kind, seed + 3))
    print(f"hard frames 1280x720: {per_condition} per condition, as many empty frames, seed "
          f"{seed}, {os.cpu_count()} CPUs\n")
    header = ["decoder", *HARD_CONDITIONS, "all hard", "misreads", "reads on empty",
              "median ms", "p95 ms", "empty median ms", "empty p95 ms"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for decoder in hard_variants():
        if only and only not in decoder.name:
            continue
        decoder.decode(stream[0].gray)
        hits: dict[str, int] = defaultdict(int)
        wrong = empty_reads = 0
        times: list[float] = []
        empty_times: list[float] = []
        for index in order:
            frame = stream[int(index)]
            start = time.perf_counter()
            found = decoder.decode(frame.gray)
            elapsed = (time.perf_counter() - start) * 1000.0
            times.append(elapsed)
            if frame.expected is None:
                empty_times.append(elapsed)
                empty_reads += len(found)
                continue
            hits[frame.condition] += frame.expected in found
            wrong += len(set(found) - {frame.expected})
        rates = [f"{100 * hits[c] / per_condition:.0f}" for c in HARD_CONDITIONS]
        row = [decoder.name, *rates, f"{100 * sum(hits.values()) / len(hard):.0f}",
               str(wrong), str(empty_reads), f"{statistics.median(times):.1f}",
               f"{p95(times):.1f}", f"{statistics.median(empty_times):.1f}",
               f"{p95(empty_times):.1f}"]
        print("| " + " | ".join(row) + " |", flush=True)

    hold = 8
    print(f"\nunreadable frames, each held {hold} frames: frames read / hint right (median "
          "frames to the hint) / wrong hint; empty frames: any hint\n")
    header = ["decoder", *UNREADABLE_CONDITIONS, "empty frames with a hint"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for decoder in hard_variants():
        if only and only not in decoder.name:
            continue
        cells = []
        for condition in UNREADABLE_CONDITIONS:
            read = right = other = 0
            delays: list[int] = []
            for frame in (f for f in unreadable if f.condition == condition):
                fresh = _fresh(decoder)
                got_hint = None
                for i in range(hold):
                    result = _scan(fresh, frame.gray)
                    if frame.expected in result.payloads:
                        read += 1
                        break
                    if result.hint is not None and got_hint is None:
                        got_hint = result.hint
                        delays.append(i + 1)
                if got_hint is not None:
                    if got_hint.value == frame.hint:
                        right += 1
                    else:
                        other += 1
            delay = f" ({statistics.median(delays):.0f})" if delays else ""
            cells.append(f"{read} / {right}{delay} / {other}")
        fresh = _fresh(decoder)
        hinted = sum(_scan(fresh, f.gray).hint is not None for f in empty for _ in range(2))
        print("| " + " | ".join([decoder.name, *cells, f"{hinted} of {2 * len(empty)}"])
              + " |", flush=True)

    print(f"\nheld sequences ({per_kind} each; a notice slides in over 6 frames, then is held): "
          "frames after coming to rest until the read (median, max) or, for the last three, "
          "the right hint (or a read)\n")
    header = ["decoder", *SEQUENCES, "misreads"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for decoder in hard_variants():
        if only and only not in decoder.name:
            continue
        cells = []
        wrong = 0
        for kind in SEQUENCES:
            waits: list[float] = []
            for seq in (q for q in sequences if q.kind == kind):
                fresh = _fresh(decoder)
                wait = float("inf")
                for i, frame in enumerate(seq.frames):
                    result = _scan(fresh, frame.gray)
                    wrong += len(set(result.payloads) - {seq.expected})
                    # A code no decoder should read, read after all, is better than its
                    # hint (the too-close one now and then): either counts.
                    hit = seq.expected in result.payloads or (
                        seq.hint is not None and result.hint is not None
                        and result.hint.value == seq.hint)
                    if hit:
                        wait = max(0, i - seq.rest)
                        break
                waits.append(wait)
            worst = max(waits)
            cells.append(f"{statistics.median(waits):.0f}, "
                         f"{'never' if worst == float('inf') else f'{worst:.0f}'}")
        print("| " + " | ".join([decoder.name, *cells, str(wrong)]) + " |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-condition", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20220429)
    parser.add_argument("--hold", type=int, default=4,
                        help="frames a stateful decoder sees of each held-up notice")
    parser.add_argument("--only", default="", help="substring filter on decoder names")
    parser.add_argument("--hard", action="store_true",
                        help="issue 12's hard frames, hints and held sequences")
    parser.add_argument("--per-kind", type=int, default=5, help="held sequences per kind")
    args = parser.parse_args(argv)
    if args.hard:
        measure_hard(args.per_condition, args.seed, args.per_kind, args.only)
        return 0

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
