"""QR finder patterns (the three corner squares) found without decoding anything. No Qt.

zxing-cpp reports nothing at all for a code it has fewer than three corner squares of: a
notice cut by the frame's edge, a thumb over a corner. Two squares of the same size, at a
distance a QR code puts them, say "there is a code here and part of it is missing"; where
the missing one would be tells a cut code (outside the frame) from a covered one (inside).

A finder pattern crosses every row and column through its centre as dark-light-dark-light-
dark runs in the ratio 1:1:3:1:1. The runs are found for all rows (and all columns) at once
with numpy; a centre needs hits in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checkin.scanning import preprocess


@dataclass(frozen=True)
class Finder:
    """A finder pattern's centre and module size, in the frame's pixels."""

    x: float
    y: float
    module: float


def _ratio_hits(dark: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, centre, module) of every 1:1:3:1:1 run pattern along the rows of ``dark``."""
    w = dark.shape[1]
    starts = np.empty_like(dark)
    starts[:, 0] = True
    np.not_equal(dark[:, 1:], dark[:, :-1], out=starts[:, 1:])
    ys, xs = np.nonzero(starts)
    if len(xs) < 5:
        empty = np.zeros(0)
        return empty, empty, empty
    ends = np.empty_like(xs)
    ends[:-1] = xs[1:]
    ends[-1] = w
    row_end = np.ones(len(ys), dtype=bool)
    row_end[:-1] = ys[1:] != ys[:-1]
    ends[row_end] = w
    lengths = (ends - xs).astype(np.float32)
    n = len(xs) - 4
    first = dark[ys[:n], xs[:n]] & (ys[:n] == ys[4:])
    a, b, c, d, e = (lengths[k:k + n] for k in range(5))
    module = (a + b + c + d + e) / 7.0
    tol = np.maximum(module * 0.5, 0.75)
    ok = first & (module >= 1.0)
    for run in (a, b, d, e):
        ok &= np.abs(run - module) < tol
    ok &= np.abs(c - 3 * module) < 3 * tol
    idx = np.nonzero(ok)[0]
    centre = xs[idx + 2] + c[idx] / 2.0
    return ys[idx].astype(np.float32), centre, module[idx]


def find_finders(gray: np.ndarray, max_finders: int = 12) -> list[Finder]:
    """Finder patterns in ``gray`` (2-D uint8), each once, largest evidence first.

    Works on a half-size, locally thresholded copy (a few milliseconds on 1280x720), so
    modules under about 2 px are not found.
    """
    if gray.shape[0] < 16 or gray.shape[1] < 16:
        return []
    half = preprocess.downscale2(gray)
    dark = preprocess.adaptive_threshold(half, radius=2, offset=4) == 0
    row_y, row_x, row_m = _ratio_hits(dark)
    col_x, col_y, col_m = _ratio_hits(np.ascontiguousarray(dark.T))
    if not len(row_y) or not len(col_x):
        return []
    # A centre needs a row hit and a column hit that agree on place and module size.
    cell = 4.0
    columns: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(zip(col_x.tolist(), col_y.tolist(), strict=True)):
        columns.setdefault((int(x // cell), int(y // cell)), []).append(i)
    points: list[tuple[float, float, float]] = []
    for x, y, m in zip(row_x.tolist(), row_y.tolist(), row_m.tolist(), strict=True):
        gx, gy = int(x // cell), int(y // cell)
        for key in ((gx + dx, gy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            for j in columns.get(key, ()):
                cm = float(col_m[j])
                if (abs(float(col_x[j]) - x) <= m and abs(float(col_y[j]) - y) <= m
                        and 0.7 < cm / m < 1.4):
                    points.append((x, float(col_y[j]), (m + cm) / 2))
    return _cluster(points, max_finders)


def _cluster(points: list[tuple[float, float, float]], limit: int) -> list[Finder]:
    clusters: list[list[float]] = []  # sum x, sum y, sum m, count
    for x, y, m in points:
        for cl in clusters:
            n = cl[3]
            if abs(cl[0] / n - x) < 2 * m and abs(cl[1] / n - y) < 2 * m:
                cl[0] += x
                cl[1] += y
                cl[2] += m
                cl[3] += 1
                break
        else:
            clusters.append([x, y, m, 1.0])
    # A real finder is crossed by about three modules' worth of rows and columns, each
    # matching as many: a dozen points even at 3 px a module; chance patterns make 2-3.
    kept = sorted((cl for cl in clusters if cl[3] >= 6), key=lambda cl: -cl[3])[:limit]
    # Back to full-frame pixels (the search ran at half size; +0.5 for pixel centres).
    return [Finder(x=2 * (cl[0] / cl[3]) + 1, y=2 * (cl[1] / cl[3]) + 1,
                   module=2 * cl[2] / cl[3]) for cl in kept]


def code_outlines(finders: list[Finder]) -> list[list[tuple[np.ndarray, float]]]:
    """For each pair of finders that fits one QR code: the codes it could belong to.

    Each entry lists hypotheses as (corners, module): the centres of the four corner
    squares' positions, a (4, 2) array. The two found ones may be neighbours (the code lies
    on either side of the line between them) or opposite corners (one code, either way).
    """
    pairs: list[list[tuple[np.ndarray, float]]] = []
    for i, a in enumerate(finders):
        for b in finders[i + 1:]:
            m = (a.module + b.module) / 2
            if m < 3.0 or not 0.75 < a.module / b.module < 1.33:
                continue
            pa, pb = np.array([a.x, a.y]), np.array([b.x, b.y])
            v = pb - pa
            dist = float(np.hypot(*v)) / m
            hypotheses: list[tuple[np.ndarray, float]] = []
            # Versions 1-10: centres 14-50 modules apart side by side, x1.41 diagonally.
            if 13.0 <= dist <= 52.0:
                for sign in (1, -1):
                    p = np.array([-v[1], v[0]]) * sign
                    hypotheses.append((np.array([pa, pb, pb + p, pa + p]), m))
            if 19.0 <= dist <= 73.0:
                mid, half = (pa + pb) / 2, np.array([-v[1], v[0]]) / 2
                hypotheses.append((np.array([pa, mid + half, pb, mid - half]), m))
            if hypotheses:
                pairs.append(hypotheses)
    return pairs
