"""Verdict icons painted with QPainter: crisp at any size, no image files to ship."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from checkin.ui.messages import Tone


def paint_icon(painter: QPainter, rect: QRectF, tone: Tone, colour: QColor) -> None:
    """Draw the tone's symbol (check, cross, hourglass, i, !) inside a ring."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    width = side * 0.09
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ring = box.adjusted(width, width, -width, -width)
    painter.drawEllipse(ring)

    def at(x: float, y: float) -> QPointF:
        return QPointF(box.left() + x * side, box.top() + y * side)

    path = QPainterPath()
    if tone is Tone.GO:
        path.moveTo(at(0.28, 0.52))
        path.lineTo(at(0.44, 0.68))
        path.lineTo(at(0.73, 0.36))
    elif tone is Tone.STOP:
        path.moveTo(at(0.33, 0.33))
        path.lineTo(at(0.67, 0.67))
        path.moveTo(at(0.67, 0.33))
        path.lineTo(at(0.33, 0.67))
    elif tone is Tone.WAIT:
        # An hourglass: wait, then try again.
        path.moveTo(at(0.34, 0.28))
        path.lineTo(at(0.66, 0.28))
        path.lineTo(at(0.34, 0.72))
        path.lineTo(at(0.66, 0.72))
        path.closeSubpath()
    elif tone is Tone.INFO:
        path.moveTo(at(0.5, 0.47))
        path.lineTo(at(0.5, 0.72))
        _dot(painter, at(0.5, 0.30), width * 0.75, colour)
    else:
        path.moveTo(at(0.5, 0.27))
        path.lineTo(at(0.5, 0.56))
        _dot(painter, at(0.5, 0.72), width * 0.75, colour)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


def _dot(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    # Filled without an outline, so the dot keeps its size and stays apart from the stroke.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(centre, radius, radius)


def icon_pixmap(tone: Tone, colour: str, size: int = 64) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_icon(painter, QRectF(0, 0, size, size), tone, QColor(colour))
    painter.end()
    return pixmap
