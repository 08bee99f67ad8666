"""A notice page as a list of drawing operations in millimetres, origin top left.

The layout (:mod:`checkin.notices.render`) produces it; the PDF and PNG back-ends draw it.
Operations are frozen and hashable so a back-end can draw one that every notice of a batch
shares (header, rules, notes) once and reuse the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Face = Literal["regular", "bold", "mono"]
Align = Literal["left", "center", "right"]
A4_MM = (210.0, 297.0)
PT_TO_MM = 25.4 / 72


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # baseline, mm from the top
    text: str
    size: float  # points
    face: Face = "regular"
    align: Align = "left"
    grey: int = 0


@dataclass(frozen=True)
class RectOp:
    x: float
    y: float
    w: float
    h: float
    grey: int = 0
    filled: bool = True


@dataclass(frozen=True)
class QrOp:
    x: float
    y: float
    size: float  # mm, quiet zone included
    matrix: tuple[tuple[bool, ...], ...]


@dataclass
class Layout:
    ops: list[TextOp | RectOp | QrOp] = field(default_factory=list)

    def text_by_face(self) -> dict[str, str]:
        """The characters each face draws (what the PDF's font subsets must hold)."""
        out: dict[str, str] = {}
        for op in self.ops:
            if isinstance(op, TextOp):
                out[op.face] = out.get(op.face, "") + op.text
        return out
