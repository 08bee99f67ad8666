"""The verdict banner: full width, readable from two metres; colour + icon + words.

One height for every verdict, so nothing below it moves: long texts are set smaller, or
wrap, inside it. The banner places its own parts (no QLayout), so a new verdict lays out the
banner alone, never the whole window, and the fonts and text measurements are cached.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from checkin.core.outcomes import OutcomeCode
from checkin.ui.icons import paint_icon
from checkin.ui.messages import COLOURS, Message, Tone

IDLE_COLOURS = ("#3c4043", "#ffffff")
BANNER_HEIGHT = 184
MARGIN = 12  # inside the banner, all round
GAP = 18  # between the icon, the words and the button
ICON_SIZE = 112
OVERRIDE_HEIGHT = 76
OVERRIDE_WIDTHS = (200, 320)  # the button grows with its words between these
# Steps by which all the lines are set smaller together until the words fit.
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)


@dataclass(frozen=True)
class LineStyle:
    """One line of the banner: its largest and smallest size, and how many lines it may take."""

    points: int
    smallest: int
    bold: bool
    max_lines: int

    def size(self, scale: float) -> int:
        return max(self.smallest, round(self.points * scale))


TITLE = LineStyle(34, 18, True, 2)
PERSON = LineStyle(24, 13, True, 2)
DETAIL = LineStyle(18, 11, False, 3)
HINT = LineStyle(14, 10, False, 2)
IDLE_TITLE = LineStyle(30, 18, True, 2)


class _Fonts:
    """Fonts and text measurements, made once per size and text: a verdict that has been
    shown before costs no text layout at all to place."""

    def __init__(self, base: QFont) -> None:
        self.base = base
        self.fonts: dict[tuple[int, bool], QFont] = {}
        self.metrics: dict[tuple[int, bool], QFontMetrics] = {}
        self.heights: dict[tuple[str, int, bool, int], tuple[int, int]] = {}

    def font(self, points: int, bold: bool) -> QFont:
        key = (points, bold)
        font = self.fonts.get(key)
        if font is None:
            font = QFont(self.base)
            font.setPointSize(points)
            font.setBold(bold)
            self.fonts[key] = font
            self.metrics[key] = QFontMetrics(font)
        return font

    def metrics_for(self, points: int, bold: bool) -> QFontMetrics:
        self.font(points, bold)
        return self.metrics[(points, bold)]

    def height(self, text: str, points: int, bold: bool, width: int) -> tuple[int, int]:
        """(height, lines) of ``text`` wrapped at ``width`` pixels."""
        key = (text, points, bold, width)
        found = self.heights.get(key)
        if found is None:
            self.font(points, bold)
            metrics = self.metrics[(points, bold)]
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                        int(Qt.TextFlag.TextWordWrap), text)
            found = (rect.height(), max(1, round(rect.height() / metrics.lineSpacing())))
            if len(self.heights) > 2000:  # a day's texts are a few hundred; stay bounded
                self.heights.clear()
            self.heights[key] = found
        return found


class _Icon(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone: Tone | None = None
        self.colour = QColor("#ffffff")
        self.setFixedSize(ICON_SIZE, ICON_SIZE)

    def set_tone(self, tone: Tone | None, colour: str) -> None:
        self.tone, self.colour = tone, QColor(colour)
        self.update()

    def paintEvent(self, _event: object) -> None:
        if self.tone is None:
            return
        painter = QPainter(self)
        paint_icon(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.tone,
                   self.colour)
        painter.end()


class VerdictBanner(QFrame):
    """Shows the last outcome; ``override_requested`` when staff ask to lift a door rule."""

    override_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict")
        self.setAutoFillBackground(True)
        self.setFixedHeight(BANNER_HEIGHT)
        self.background = ""
        self.idle_colours = IDLE_COLOURS
        self.check_out = False
        self.code: OutcomeCode | None = None
        self.notice = False  # words of the desk itself (a join), not a person's verdict
        self.icon = _Icon(self)
        self.title = QLabel(self)
        self.person = QLabel(self)
        self.detail = QLabel(self)
        self.hint = QLabel(self)
        self.fonts = _Fonts(self.font())
        self.styles = {self.title: TITLE, self.person: PERSON, self.detail: DETAIL,
                       self.hint: HINT}
        for label in self.styles:
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.override_button = QPushButton(self)
        self.override_button.setObjectName("override")
        self.override_button.setFixedHeight(OVERRIDE_HEIGHT)
        # A light, solid button on any banner colour, so it reads as the one thing to press.
        self.override_button.setStyleSheet(
            "QPushButton#override { background: #ffffff; color: #1a1a1a; "
            "border: 3px solid #1a1a1a; border-radius: 8px; padding: 4px 10px; }"
            "QPushButton#override:pressed { background: #dddddd; }")
        self.override_button.setVisible(False)
        self.override_button.clicked.connect(self.override_requested)
        self.retranslate()
        self.show_idle()

    def retranslate(self) -> None:
        text = self.tr("Supervisor approval…")
        self.override_button.setText(text)
        # One line, as large as fits the widest button the words may take.
        narrow, wide = OVERRIDE_WIDTHS
        points = 18
        while points > 11 and self.fonts.metrics_for(points, True).horizontalAdvance(text) \
                > wide - 32:
            points -= 1
        self.override_button.setFont(self.fonts.font(points, True))
        advance = self.fonts.metrics_for(points, True).horizontalAdvance(text)
        self.override_button.setFixedWidth(max(narrow, min(wide, advance + 40)))
        if self.code is None:
            self.show_idle()
        else:
            self._place()

    def _colours(self, background: str, foreground: str) -> None:
        # A palette, not a style sheet: re-polishing a style sheet on every verdict costs
        # tens of milliseconds, a palette change only a repaint.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        self.setPalette(palette)
        self.background = background

    def set_check_out(self, colours: tuple[str, str] | None) -> None:
        """Check-out mode (its colours) or check-in (None): the banner at rest says which."""
        self.check_out = colours is not None
        self.idle_colours = colours or IDLE_COLOURS
        if self.code is None:
            self.show_idle()

    def show_idle(self, text: str | None = None) -> None:
        self.code, self.notice = None, False
        self._colours(*self.idle_colours)
        # Check-out at rest keeps its door icon: the mode is told by shape too, not colour only.
        self.icon.set_tone(Tone.LEAVE if self.check_out else None, self.idle_colours[1])
        ready = self.tr("Check-out: scan a notice to record leaving") if self.check_out \
            else self.tr("Ready: scan a notice or search by name")
        self.title.setText(text or ready)
        for label in (self.person, self.detail, self.hint):
            label.clear()
            label.setVisible(False)
        self.override_button.setVisible(False)
        self._place()

    def show_notice(self, tone: Tone, title: str, detail: str = "") -> None:
        """About the desk itself, not a person (linked to a central database, or not)."""
        self.code, self.notice = None, True
        background, foreground = COLOURS[tone]
        self._colours(background, foreground)
        self.icon.set_tone(tone, foreground)
        self.title.setText(title)
        for label, text in ((self.person, ""), (self.detail, detail), (self.hint, "")):
            label.setText(text)
            label.setVisible(bool(text))
        self.override_button.setVisible(False)
        self._place()

    def show_message(self, message: Message, person: str = "", detail: str = "",
                     can_override: bool = False) -> None:
        self.code, self.notice = message.code, False
        self._colours(message.background, message.foreground)
        self.icon.set_tone(message.tone, message.foreground)
        self.title.setText(message.title)
        for label, text in ((self.person, person), (self.detail, detail),
                            (self.hint, message.hint)):
            label.setText(text)
            label.setVisible(bool(text))
        self.override_button.setVisible(can_override)
        self._place()

    def set_detail(self, text: str) -> None:
        self.detail.setText(text)
        self.detail.setVisible(bool(text))
        self._place()

    # --- placing the parts ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def text_rect(self) -> QRect:
        """Where the words go: between the icon and (when shown) the override button."""
        left = MARGIN + ICON_SIZE + GAP
        right = self.width() - MARGIN
        if self.override_button.isVisibleTo(self):
            right -= self.override_button.width() + GAP
        return QRect(left, MARGIN, max(10, right - left), self.height() - 2 * MARGIN)

    def _place(self) -> None:
        height = self.height()
        self.icon.move(MARGIN, (height - ICON_SIZE) // 2)
        self.override_button.move(self.width() - MARGIN - self.override_button.width(),
                                  (height - OVERRIDE_HEIGHT) // 2)
        area = self.text_rect()
        lines = [label for label in self.styles if label.isVisibleTo(self) and label.text()]
        if self.code is None and not self.notice:
            styles = {self.title: IDLE_TITLE}
        else:
            styles = {label: self.styles[label] for label in lines}
        sizes = self._fit(lines, styles, area)
        # The lines as one block, centred in the banner's height.
        top = area.top() + max(0, (area.height() - sum(h for _p, h in sizes.values())) // 2)
        for label in lines:
            points, line_height = sizes[label]
            style = styles[label]
            label.setFont(self.fonts.font(points, style.bold))
            label.setGeometry(area.left(), top, area.width(), line_height)
            top += line_height

    def _fit(self, lines: list[QLabel], styles: dict[QLabel, LineStyle], area: QRect
             ) -> dict[QLabel, tuple[int, int]]:
        """The largest common scale at which every line fits the area, with its line count."""
        chosen: dict[QLabel, tuple[int, int]] = {}
        for scale in SCALES:
            chosen, total, fits = {}, 0, True
            for label in lines:
                style = styles[label]
                points = style.size(scale)
                used, count = self.fonts.height(label.text(), points, style.bold,
                                                 area.width())
                fits = fits and count <= style.max_lines
                chosen[label] = (points, used)
                total += used
            if fits and total <= area.height():
                return chosen
        # Even the smallest sizes overflow: share the height out; the label clips its end.
        total = sum(h for _p, h in chosen.values()) or 1
        return {label: (points, max(1, h * area.height() // total))
                for label, (points, h) in chosen.items()}
