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


@dataclass(frozen=True)
class Frame:
    condition: str
    gray: np.ndarray  # (720, 1280) uint8
    expected: str | None  # the token in the frame, None for an empty frame


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


def frame_set(per_condition: int = 20, seed: int = 20220429,
              conditions: tuple[str, ...] = CONDITIONS) -> Iterator[Frame]:
    """``per_condition`` frames of every condition, the same ones for the same seed."""
    rng = np.random.default_rng(seed)
    chooser = random.Random(seed)
    for condition in conditions:
        for _ in range(per_condition):
            # new_token() draws from `secrets`; a seeded draw keeps runs identical.
            token = "CK1-IDB2201-" + "".join(chooser.choice(ALPHABET) for _ in range(27))
            yield make_frame(condition, rng, token)
