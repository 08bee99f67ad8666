"""Synthetic 1280x720 webcam frames of attendance-notice QR codes, reproducible from a seed.

Each condition imitates something a desk camera really sees: a notice held at an angle, out
of focus, under a ceiling light's reflection, in a dim hall, a dark-mode phone screen, a
phone screen's pixel grid and moire, a heavily compressed webcam stream, and - most often -
nothing at all. Used by ``bench_decode.py``; numpy + pillow only (no OpenCV).
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from checkin.core.tokens import ALPHABET
from checkin.notices.qr import qr_image

WIDTH, HEIGHT = 1280, 720
CONDITIONS = ("clean", "tilt", "blur", "glare", "low_contrast", "dim_noisy", "inverted",
              "phone_screen", "jpeg", "empty")
# Issue 12's hard frames, each at its hardest. The first three a decoder can read; the
# last three no decoder reads (the symbol is not all there, or is blurred past recovery):
# there the desk should say what to fix (``Frame.hint``).
HARD_CONDITIONS = ("motion", "defocus", "noisy_small")
UNREADABLE_CONDITIONS = ("cut_edge", "finger", "too_close")
SEQUENCES = ("slide_in", "slide_in_noisy", "focus_settling", "cut_held", "finger_held",
             "too_close_held")


@dataclass(frozen=True)
class Frame:
    condition: str
    gray: np.ndarray  # (720, 1280) uint8
    expected: str | None  # the token in the frame, None for an empty frame
    hint: str | None = None  # what the desk should ask for when the code cannot be read


def _background(rng: np.random.Generator) -> np.ndarray:
    """A cluttered desk: a lighting gradient, paper and keyboard shapes, text-like strokes."""
    y = np.linspace(0.0, 1.0, HEIGHT)[:, None]
    x = np.linspace(0.0, 1.0, WIDTH)[None, :]
    a, b, c = rng.uniform(60, 140), rng.uniform(-40, 40), rng.uniform(-40, 40)
    img = a + b * x + c * y + np.zeros((HEIGHT, WIDTH))
    for _ in range(int(rng.integers(4, 9))):
        x0, y0 = int(rng.integers(0, WIDTH - 60)), int(rng.integers(0, HEIGHT - 60))
        w, h = int(rng.integers(60, 420)), int(rng.integers(40, 300))
        img[y0:y0 + h, x0:x0 + w] = rng.uniform(30, 230)
    # Text lines on papers: short dark strokes give the detectors edges to chew on.
    for _ in range(int(rng.integers(20, 60))):
        x0, y0 = int(rng.integers(0, WIDTH - 200)), int(rng.integers(0, HEIGHT - 4))
        w = int(rng.integers(20, 200))
        img[y0:y0 + int(rng.integers(2, 4)), x0:x0 + w] *= 0.35
    img += rng.normal(0.0, 3.0, img.shape)
    return img


def _notice_patch(token: str, module: int, ink: float, paper: float, margin: int) -> np.ndarray:
    """The QR (with its 4-module quiet zone) on a piece of paper ``margin`` px wider."""
    modules = np.asarray(qr_image(token, box_size=1, border=4), dtype=np.float64) / 255.0
    code = np.kron(modules, np.ones((module, module)))
    code = ink + (paper - ink) * code
    return np.pad(code, margin, constant_values=paper)


def _paste(frame: np.ndarray, patch: np.ndarray, rng: np.random.Generator,
           spread: float = 0.35) -> tuple[int, int]:
    """Paste ``patch`` near the centre (people hold the notice up to the camera)."""
    h, w = patch.shape
    free_x, free_y = WIDTH - w, HEIGHT - h
    x0 = int(np.clip(free_x / 2 + rng.uniform(-spread, spread) * free_x, 0, free_x))
    y0 = int(np.clip(free_y / 2 + rng.uniform(-spread, spread) * free_y, 0, free_y))
    frame[y0:y0 + h, x0:x0 + w] = patch
    return x0, y0


def _perspective_coeffs(dst: list[tuple[float, float]],
                        src: list[tuple[float, float]]) -> list[float]:
    """PIL PERSPECTIVE data mapping output points ``dst`` to input points ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return [float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs))]


def _tilted(frame: np.ndarray, patch: np.ndarray, rng: np.random.Generator) -> None:
    """Warp ``patch`` into the frame: rotation up to 35 degrees and a perspective skew."""
    h, w = patch.shape
    side = max(h, w)
    cx = WIDTH / 2 + rng.uniform(-0.25, 0.25) * (WIDTH - side)
    cy = HEIGHT / 2 + rng.uniform(-0.2, 0.2) * (HEIGHT - side)
    angle = np.radians(rng.uniform(-35, 35))
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    dst = []
    for px, py in corners:
        # Each corner moves independently: the notice is not parallel to the sensor.
        px *= rng.uniform(0.8, 1.1)
        py *= rng.uniform(0.8, 1.1)
        dst.append((cx + px * np.cos(angle) - py * np.sin(angle),
                    cy + px * np.sin(angle) + py * np.cos(angle)))
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = _perspective_coeffs(dst, src)
    image = Image.fromarray(np.clip(patch, 0, 255).astype(np.uint8))
    mask = Image.new("L", (w, h), 255)
    warped = image.transform((WIDTH, HEIGHT), Image.Transform.PERSPECTIVE, coeffs,
                             Image.Resampling.BILINEAR)
    warped_mask = mask.transform((WIDTH, HEIGHT), Image.Transform.PERSPECTIVE, coeffs,
                                 Image.Resampling.BILINEAR)
    alpha = np.asarray(warped_mask, dtype=np.float64) / 255.0
    frame *= 1.0 - alpha
    frame += alpha * np.asarray(warped, dtype=np.float64)


def _to_u8(img: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def make_frame(condition: str, rng: np.random.Generator, token: str | None) -> Frame:
    """One frame of ``condition`` showing ``token`` (ignored for ``empty``)."""
    frame = _background(rng)
    module = int(rng.integers(5, 9))
    patch = _notice_patch(token or "", module, ink=rng.uniform(15, 45),
                          paper=rng.uniform(215, 245), margin=int(rng.integers(10, 60))) \
        if token else None
    expected = token
    if condition == "empty" or patch is None:
        # A notice without a code (the page's text side) still appears now and then.
        expected = None
    elif condition == "clean":
        _paste(frame, patch, rng)
    elif condition == "tilt":
        _tilted(frame, patch, rng)
    elif condition == "blur":
        _paste(frame, patch, rng)
        radius = rng.uniform(1.5, 3.0)
        frame = np.asarray(Image.fromarray(_to_u8(frame)).filter(
            ImageFilter.GaussianBlur(radius)), dtype=np.float64)
    elif condition == "glare":
        x0, y0 = _paste(frame, patch, rng)
        h, w = patch.shape
        gx = x0 + w * rng.uniform(0.3, 0.7)
        gy = y0 + h * rng.uniform(0.3, 0.7)
        sigma = w * rng.uniform(0.08, 0.16)
        yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
        frame += rng.uniform(150, 230) * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2)
                                                / (2 * sigma ** 2))
    elif condition == "low_contrast":
        _paste(frame, patch, rng)
        mid, span = rng.uniform(110, 150), rng.uniform(0.12, 0.2)
        frame = mid + (frame - 128.0) * span
    elif condition == "dim_noisy":
        _paste(frame, patch, rng)
        frame = frame * rng.uniform(0.15, 0.3) + rng.normal(0.0, rng.uniform(5, 9), frame.shape)
    elif condition == "inverted":
        # Dark-mode phone: light modules on a black screen, inside a black bezel.
        phone = _notice_patch(token or "", module, ink=rng.uniform(200, 235),
                              paper=rng.uniform(10, 35), margin=int(rng.integers(6, 20)))
        _paste(frame, np.pad(phone, 12, constant_values=5.0), rng)
    elif condition == "phone_screen":
        # A small code on a phone: ~3 px modules, the screen's pixel grid, moire banding.
        small = _notice_patch(token or "", int(rng.integers(3, 5)), ink=rng.uniform(20, 50),
                              paper=rng.uniform(190, 230), margin=int(rng.integers(8, 24)))
        h, w = small.shape
        pitch = 3
        grid = np.ones((h, w))
        grid[::pitch, :] *= 0.8
        grid[:, ::pitch] *= 0.8
        yy, xx = np.mgrid[0:h, 0:w]
        theta = rng.uniform(0, np.pi)
        period = rng.uniform(7, 15)
        moire = 1.0 + 0.12 * np.sin(2 * np.pi * (xx * np.cos(theta) + yy * np.sin(theta))
                                     / period)
        screen = np.pad(small * grid * moire, 14, constant_values=8.0)
        _paste(frame, screen, rng, spread=0.25)
        frame = np.asarray(Image.fromarray(_to_u8(frame)).filter(
            ImageFilter.GaussianBlur(0.7)), dtype=np.float64)
    elif condition == "jpeg":
        _paste(frame, patch, rng)
        frame += rng.normal(0.0, 4.0, frame.shape)
        buffer = io.BytesIO()
        Image.fromarray(_to_u8(frame)).save(buffer, format="JPEG",
                                            quality=int(rng.integers(8, 16)))
        buffer.seek(0)
        frame = np.asarray(Image.open(buffer).convert("L"), dtype=np.float64)
    else:
        raise ValueError(f"unknown condition {condition!r}")
    return Frame(condition=condition, gray=_to_u8(frame), expected=expected)


def _convolve(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """``img`` convolved with a small centred ``kernel`` (FFT, wrapping at the borders)."""
    kh, kw = kernel.shape
    padded = np.zeros(img.shape)
    padded[:kh, :kw] = kernel
    padded = np.roll(padded, (-(kh // 2), -(kw // 2)), axis=(0, 1))
    return np.fft.irfft2(np.fft.rfft2(img) * np.fft.rfft2(padded), s=img.shape)


def motion_kernel(length: float, angle: float) -> np.ndarray:
    """A straight smear ``length`` px long at ``angle`` radians (a hand moving the notice)."""
    n = int(np.ceil(length)) // 2 * 2 + 3
    kernel = np.zeros((n, n))
    c = n // 2
    for t in np.linspace(-length / 2, length / 2, 8 * n):
        x, y = c + t * np.cos(angle), c + t * np.sin(angle)
        x0, y0 = int(np.floor(x)), int(np.floor(y))
        fx, fy = x - x0, y - y0
        kernel[y0:y0 + 2, x0:x0 + 2] += np.outer([1 - fy, fy], [1 - fx, fx])
    return kernel / kernel.sum()


def disc_kernel(radius: float) -> np.ndarray:
    """A defocused lens's blur: a uniform disc (anti-aliased edge) of ``radius`` px."""
    n = int(np.ceil(radius)) + 1
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    kernel = np.clip(radius + 0.5 - np.hypot(xx, yy), 0.0, 1.0)
    return kernel / kernel.sum()


def _code_at(frame: np.ndarray, patch: np.ndarray, x0: int, y0: int) -> None:
    """Paste ``patch`` with its top-left at (x0, y0), cut by the frame's edges."""
    h, w = patch.shape
    fx0, fy0 = max(x0, 0), max(y0, 0)
    fx1, fy1 = min(x0 + w, WIDTH), min(y0 + h, HEIGHT)
    if fx1 > fx0 and fy1 > fy0:
        frame[fy0:fy1, fx0:fx1] = patch[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]


def _finger(frame: np.ndarray, cx: float, cy: float, module: int,
            rng: np.random.Generator) -> None:
    """A thumb over the finder pattern centred at (cx, cy): a shaded skin-grey ellipse."""
    angle = rng.uniform(0, 2 * np.pi)
    # The tip sits on the finder; the thumb comes in from outside the code.
    tip_x, tip_y = cx + np.cos(angle) * module, cy + np.sin(angle) * module
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    u = (xx - tip_x) * np.cos(angle) + (yy - tip_y) * np.sin(angle)
    v = -(xx - tip_x) * np.sin(angle) + (yy - tip_y) * np.cos(angle)
    half_w = module * rng.uniform(4.6, 5.4)
    inside = (v / half_w) ** 2 + (np.minimum(u + half_w, 0) / half_w) ** 2 < 1.0
    inside &= u < 12 * module
    tone = rng.uniform(120, 170) + 25 * np.cos(np.clip(v / half_w, -1, 1) * np.pi / 2)
    frame[inside] = tone[inside]


def make_hard_frame(condition: str, rng: np.random.Generator, token: str) -> Frame:
    """One frame of a :data:`HARD_CONDITIONS` or :data:`UNREADABLE_CONDITIONS` condition."""
    frame = _background(rng)
    ink, paper = rng.uniform(25, 60), rng.uniform(185, 235)
    hint = None
    if condition == "motion":
        module = int(rng.integers(5, 9))
        _paste(frame, _notice_patch(token, module, ink, paper, int(rng.integers(10, 40))), rng)
        frame = _convolve(frame, motion_kernel(rng.uniform(1.45, 1.6) * module,
                                               rng.uniform(0, np.pi)))
        frame += rng.normal(0.0, rng.uniform(4, 6), frame.shape)
    elif condition == "defocus":
        module = int(rng.integers(5, 9))
        _paste(frame, _notice_patch(token, module, ink, paper, int(rng.integers(10, 40))), rng)
        frame = _convolve(frame, disc_kernel(rng.uniform(0.85, 1.0) * module))
        frame += rng.normal(0.0, 4.0, frame.shape)
    elif condition == "noisy_small":
        _paste(frame, _notice_patch(token, 3, ink, paper, int(rng.integers(10, 30))), rng)
        frame = frame * rng.uniform(0.25, 0.4) + rng.normal(0.0, rng.uniform(10, 14),
                                                            frame.shape)
    elif condition == "cut_edge":
        # A third to a half of the code beyond the left, right, top or bottom edge.
        module = int(rng.integers(5, 9))
        patch = _notice_patch(token, module, ink, paper, 20)
        side, quiet = 29 * module, 20 + 4 * module
        out = int(rng.uniform(0.3, 0.5) * side)
        edge = rng.integers(0, 4)
        x0 = int(rng.uniform(0.2, 0.8) * (WIDTH - patch.shape[1]))
        y0 = int(rng.uniform(0.2, 0.8) * (HEIGHT - patch.shape[0]))
        if edge == 0:
            x0 = -quiet - out
        elif edge == 1:
            x0 = WIDTH - quiet - side + out
        elif edge == 2:
            y0 = -quiet - out
        else:
            y0 = HEIGHT - quiet - side + out
        _code_at(frame, patch, x0, y0)
        frame += rng.normal(0.0, 3.0, frame.shape)
        hint = "cut_at_edge"
    elif condition == "finger":
        module = int(rng.integers(5, 9))
        patch = _notice_patch(token, module, ink, paper, 20)
        x0, y0 = _paste(frame, patch, rng)
        quiet = 20 + 4 * module
        corner = [(0, 0), (1, 0), (0, 1)][int(rng.integers(0, 3))]
        cx = x0 + quiet + (3.5 + 22 * corner[0]) * module
        cy = y0 + quiet + (3.5 + 22 * corner[1]) * module
        _finger(frame, cx, cy, module, rng)
        frame += rng.normal(0.0, 3.0, frame.shape)
        hint = "covered"
    elif condition == "too_close":
        # Held a hand's width from the lens: big modules, blurred over two of them.
        module = int(rng.integers(11, 15))
        _paste(frame, _notice_patch(token, module, ink, paper, 10), rng, spread=0.2)
        frame = _convolve(frame, disc_kernel(rng.uniform(1.3, 1.6) * module))
        frame += rng.normal(0.0, 4.0, frame.shape)
        hint = "too_close"
    else:
        raise ValueError(f"unknown condition {condition!r}")
    return Frame(condition=condition, gray=_to_u8(frame), expected=token, hint=hint)


def hard_frame_set(per_condition: int = 20, seed: int = 20220429,
                   conditions: tuple[str, ...] = HARD_CONDITIONS + UNREADABLE_CONDITIONS
                   ) -> Iterator[Frame]:
    """``per_condition`` frames of every hard condition, the same ones for the same seed."""
    rng = np.random.default_rng(seed)
    chooser = random.Random(seed)
    for condition in conditions:
        for _ in range(per_condition):
            yield make_hard_frame(condition, rng, _seeded_token(chooser))


@dataclass(frozen=True)
class Sequence:
    """Frames of one notice brought up to the camera; it is at rest from frame ``rest``."""

    kind: str
    frames: list[Frame]
    rest: int
    expected: str
    hint: str | None  # None: readable once at rest


def held_sequence(kind: str, rng: np.random.Generator, token: str, held: int = 12
                  ) -> Sequence:
    """A notice moved into view (smeared while it moves), then held still for ``held`` frames.

    ``slide_in``: a clean notice; ``slide_in_noisy``: small modules in a dim, noisy hall;
    ``focus_settling``: the webcam's autofocus hunting, from far out of focus to sharp;
    ``cut_held`` / ``finger_held``: held cut by the edge / with a thumb on a finder pattern;
    ``too_close_held``: held a hand's width from the lens, big modules blurred over 1.3-1.6
    of them (as ``too_close`` in :func:`make_hard_frame`; the last kind, so the others'
    draws are unchanged).
    """
    background = _background(rng)
    module = 3 if kind == "slide_in_noisy" else int(rng.integers(5, 8))
    if kind == "too_close_held":
        module = int(rng.integers(11, 15))
    ink, paper = rng.uniform(25, 60), rng.uniform(185, 235)
    patch = _notice_patch(token, module, ink, paper, 10 if kind == "too_close_held" else 20)
    h, w = patch.shape
    quiet, side = 20 + 4 * module, 29 * module
    rest_x = int(rng.uniform(0.3, 0.7) * (WIDTH - w))
    rest_y = int(rng.uniform(0.25, 0.75) * (HEIGHT - h))
    hint = None
    if kind == "cut_held":
        rest_x = WIDTH - quiet - side + int(rng.uniform(0.3, 0.45) * side)
        hint = "cut_at_edge"
    defocus = rng.uniform(1.3, 1.6) * module if kind == "too_close_held" else 0.0
    if defocus:
        hint = "too_close"
    moving = 6
    # Enters from the left, decelerating: the last moving steps smear by about a module.
    start_x = -w
    steps = [start_x + (rest_x - start_x) * (1 - (1 - i / moving) ** 2) for i in range(moving)]
    corner = (int(rng.integers(0, 2)), 0)
    frames: list[Frame] = []
    for i in range(moving + held):
        frame = background.copy()
        x = steps[i] if i < moving else rest_x + rng.uniform(-0.6, 0.6)
        y = rest_y + (rng.uniform(-0.6, 0.6) if i >= moving else 0.0)
        _code_at(frame, patch, round(x), round(y))
        if kind == "finger_held":
            cx = round(x) + quiet + (3.5 + 22 * corner[0]) * module
            cy = round(y) + quiet + (3.5 + 22 * corner[1]) * module
            _finger(frame, cx, cy, module, np.random.default_rng(7))
            hint = "covered"
        if i < moving:
            speed = abs(steps[i] - steps[i - 1]) if i else w / 2
            frame = _convolve(frame, motion_kernel(max(1.0, speed * 0.5), 0.0))
        if defocus:
            frame = _convolve(frame, disc_kernel(defocus))
        if kind == "focus_settling":
            # Autofocus sweeps out and back in: sharp only a few frames after coming to rest.
            blur = max(0.0, 1.4 - 0.25 * max(0, i - moving + 1)) * module
            if blur > 0.3:
                frame = _convolve(frame, disc_kernel(blur))
        if kind == "slide_in_noisy":
            frame = frame * 0.3 + rng.normal(0.0, 13.0, frame.shape)
        else:
            frame += rng.normal(0.0, 3.0, frame.shape)
        frames.append(Frame(kind, _to_u8(frame), token, hint))
    return Sequence(kind, frames, moving, token, hint)


def sequence_set(per_kind: int = 5, seed: int = 20220429,
                 kinds: tuple[str, ...] = SEQUENCES) -> Iterator[Sequence]:
    """``per_kind`` held sequences of every kind, the same ones for the same seed."""
    rng = np.random.default_rng(seed)
    chooser = random.Random(seed + 1)
    for kind in kinds:
        for _ in range(per_kind):
            yield held_sequence(kind, rng, _seeded_token(chooser))


def _seeded_token(chooser: random.Random) -> str:
    # new_token() draws from `secrets`; a seeded draw keeps runs identical.
    return "CK1-IDB2201-" + "".join(chooser.choice(ALPHABET) for _ in range(27))


def frame_set(per_condition: int = 20, seed: int = 20220429,
              conditions: tuple[str, ...] = CONDITIONS) -> Iterator[Frame]:
    """``per_condition`` frames of every condition, the same ones for the same seed."""
    rng = np.random.default_rng(seed)
    chooser = random.Random(seed)
    for condition in conditions:
        for _ in range(per_condition):
            yield make_frame(condition, rng, _seeded_token(chooser))
