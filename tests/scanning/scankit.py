"""Rendered test frames for the scanning tests: real QR codes from the notice renderer."""

from __future__ import annotations

import numpy as np
import qrcode
import zxingcpp
from PIL import Image

from checkin.core.tokens import ALPHABET, SCHEME
from checkin.notices.qr import qr_image

FRAME_W, FRAME_H = 640, 480
# Secrets covering the whole alphabet (every digit a Zhuyin tone key can stand for).
TOKEN_A = f"{SCHEME}-IDB2201-{ALPHABET[:27]}"
TOKEN_B = f"{SCHEME}-IDB2206-{ALPHABET[4:31]}"
FOREIGN_URL = "https://example.com/event?id=42&lang=zh-TW"


def background(seed: int = 1, level: int = 120) -> np.ndarray:
    """A dull grey desk with some sensor noise."""
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(level, 6.0, (FRAME_H, FRAME_W)), 0, 255).astype(np.uint8)


def paste(frame: np.ndarray, code: np.ndarray, x: int = 180, y: int = 100) -> np.ndarray:
    out = frame.copy()
    h, w = code.shape
    out[y:y + h, x:x + w] = code
    return out


def token_code(token: str = TOKEN_A, module: int = 6) -> np.ndarray:
    return np.asarray(qr_image(token, box_size=module), dtype=np.uint8)


def foreign_code(text: str = FOREIGN_URL, module: int = 5) -> np.ndarray:
    qr = qrcode.QRCode(box_size=module, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return np.asarray(qr.make_image().get_image().convert("L"), dtype=np.uint8)


def other_symbology(fmt: str, text: str = "CK1-IDB2201-ABC", scale: int = 6) -> np.ndarray:
    """A Micro QR, Data Matrix, Code 128 ... (zxing-cpp writes them), with a quiet zone."""
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=scale), dtype=np.uint8)
    return np.pad(image, 8 * scale, constant_values=255)


def clean_frame(token: str = TOKEN_A) -> np.ndarray:
    return paste(background(), token_code(token))


def inverted_frame(token: str = TOKEN_A) -> np.ndarray:
    """A dark-mode phone screen: light modules on black."""
    return paste(background(level=60), 255 - token_code(token))


def small_frame(token: str = TOKEN_A) -> np.ndarray:
    """3-pixel modules: a code held far away or shown on a phone."""
    return paste(background(), token_code(token, module=3), x=400, y=300)


def rotated_frame(token: str = TOKEN_A, angle: float = 33.0) -> np.ndarray:
    code = Image.fromarray(token_code(token, module=5))
    turned = np.asarray(code.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True,
                                    fillcolor=235), dtype=np.uint8)
    return paste(background(), turned, x=150, y=60)


def noise_frame(seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (FRAME_H, FRAME_W), dtype=np.uint8)


def disc_blur(frame: np.ndarray, radius: float) -> np.ndarray:
    """A defocused lens: ``frame`` convolved with a uniform disc of ``radius`` px."""
    n = int(np.ceil(radius)) + 1
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    kernel = np.clip(radius + 0.5 - np.hypot(xx, yy), 0.0, 1.0)
    padded = np.zeros(frame.shape)
    padded[:2 * n + 1, :2 * n + 1] = kernel / kernel.sum()
    padded = np.roll(padded, (-n, -n), axis=(0, 1))
    out = np.fft.irfft2(np.fft.rfft2(frame.astype(np.float64)) * np.fft.rfft2(padded),
                        s=frame.shape)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def defocused_frame(token: str = TOKEN_A, seed: int = 3) -> np.ndarray:
    """A notice out of focus: 6 px modules blurred by a disc of 0.95 module."""
    rng = np.random.default_rng(seed)
    frame = disc_blur(paste(background(seed), token_code(token, module=6), 200, 80), 5.7)
    return np.clip(frame + rng.normal(0, 4.0, frame.shape), 0, 255).astype(np.uint8)


def noisy_small_frame(token: str = TOKEN_A, seed: int = 5) -> np.ndarray:
    """3 px modules in a dim hall: the picture at a third of its light, strong sensor noise."""
    rng = np.random.default_rng(seed)
    frame = paste(background(seed), token_code(token, module=3), 260, 170) * 0.3
    return np.clip(frame + rng.normal(0, 13.0, frame.shape), 0, 255).astype(np.uint8)


def cut_frame(token: str = TOKEN_A, seed: int = 2, out: int = 60) -> np.ndarray:
    """The notice pushed ``out`` px of its code beyond the frame's right edge."""
    code = token_code(token, module=6)  # 4-module quiet zone around 29 modules
    x0 = FRAME_W - 24 - 29 * 6 + out
    frame = background(seed)
    frame[100:100 + code.shape[0], x0:] = code[:, :FRAME_W - x0]
    return frame
