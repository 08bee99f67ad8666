"""QR codes for attendance tokens (qrcode + pillow)."""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.constants
from PIL import Image


def qr_image(token: str, box_size: int = 10, border: int = 4,
             error_correction: int = qrcode.constants.ERROR_CORRECT_M) -> Image.Image:
    """A black-on-white QR image of ``token`` with a full quiet zone (4 modules).

    Tokens use only QR alphanumeric characters, so the code stays at version 3.
    """
    qr = qrcode.QRCode(error_correction=error_correction, box_size=box_size, border=border)
    qr.add_data(qrcode.util.QRData(token.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    image: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("L")


def write_qr_png(token: str, path: Path, box_size: int = 10) -> Path:
    qr_image(token, box_size=box_size).save(path, format="PNG")
    return path


def qr_matrix(token: str, border: int = 4,
              error_correction: int = qrcode.constants.ERROR_CORRECT_Q
              ) -> tuple[tuple[bool, ...], ...]:
    """The modules of the token's QR code (True = dark), quiet zone of ``border`` included.

    Notices use level Q (25 % of the code may be damaged: a folded or smudged printout,
    a cracked phone screen) and the full 4-module quiet zone.
    """
    qr = qrcode.QRCode(error_correction=error_correction, border=border)
    qr.add_data(qrcode.util.QRData(token.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in qr.get_matrix())


def text_qr_image(text: str, box_size: int = 4, border: int = 4) -> Image.Image:
    """A QR image of any text (UTF-8, byte mode, level M): the desk's join code."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size,
                       border=border)
    qr.add_data(text.encode("utf-8"))
    qr.make(fit=True)
    image: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("L")
