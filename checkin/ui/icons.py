"""Verdict icons painted with QPainter: crisp at any size, no image files to ship."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from checkin.ui.messages import Tone


def paint_icon(painter: QPainter, rect: QRectF, tone: Tone, colour: QColor) -> None:
    """Draw the tone's symbol inside a ring: check (go), cross (stop), thermometer (screen),
    hourglass (wait), double check (done), circling arrow (retry), ! (fault), arrow out
    of a door (leave)."""
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
    elif tone is Tone.SCREEN:
        # A thermometer: a stem over a round bulb, two reading marks beside it.
        path.moveTo(at(0.46, 0.26))
        path.lineTo(at(0.46, 0.56))
        for y in (0.31, 0.43):
            path.moveTo(at(0.60, y))
            path.lineTo(at(0.68, y))
        _dot(painter, at(0.46, 0.66), side * 0.105, colour)
    elif tone is Tone.WAIT:
        # An hourglass: wait, then try again.
        path.moveTo(at(0.34, 0.28))
        path.lineTo(at(0.66, 0.28))
        path.lineTo(at(0.34, 0.72))
        path.lineTo(at(0.66, 0.72))
        path.closeSubpath()
    elif tone is Tone.DONE:
        # Two checks: done before, nothing to do now.
        path.moveTo(at(0.22, 0.52))
        path.lineTo(at(0.34, 0.64))
        path.lineTo(at(0.56, 0.38))
        path.moveTo(at(0.44, 0.60))
        path.lineTo(at(0.48, 0.64))
        path.lineTo(at(0.76, 0.36))
    elif tone is Tone.RETRY:
        # A circling arrow: scan again. The arc runs anticlockwise and ends in a head.
        radius, start, span = 0.2, 130.0, 270.0
        path.arcMoveTo(QRectF(at(0.5 - radius, 0.5 - radius), at(0.5 + radius, 0.5 + radius)),
                       start)
        path.arcTo(QRectF(at(0.5 - radius, 0.5 - radius), at(0.5 + radius, 0.5 + radius)),
                   start, span)
        end = math.radians(start + span)
        tip = path.currentPosition()
        ahead = QPointF(-math.sin(end), -math.cos(end))  # travel direction on screen
        side_way = QPointF(-ahead.y(), ahead.x())
        head = QPainterPath()
        head.moveTo(tip + ahead * (0.1 * side))
        head.lineTo(tip + side_way * (0.09 * side))
        head.lineTo(tip - side_way * (0.09 * side))
        head.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(head)
    elif tone is Tone.LEAVE:
        # A door frame and an arrow leaving it to the right: checked out.
        path.moveTo(at(0.46, 0.30))
        path.lineTo(at(0.30, 0.30))
        path.lineTo(at(0.30, 0.70))
        path.lineTo(at(0.46, 0.70))
        path.moveTo(at(0.42, 0.50))
        path.lineTo(at(0.74, 0.50))
        path.moveTo(at(0.62, 0.38))
        path.lineTo(at(0.74, 0.50))
        path.lineTo(at(0.62, 0.62))
    elif tone is Tone.FAULT:
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
