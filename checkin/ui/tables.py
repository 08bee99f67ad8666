"""Tables of people: one line a row, and a second line only for a text its column cuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView


def wrap_column(view: QTableView, column: int) -> None:
    """Rows one line high; ``column`` (the stretching one: companies) shows its text whole,
    wrapping onto more lines where it must. Measuring only that column keeps rows of mixed
    CJK and Latin text from growing to their (taller) size hints."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)

    def resized(section: int, _old: int, _new: int) -> None:
        if section == column:
            fit_rows(view, column)

    view.horizontalHeader().sectionResized.connect(resized)


def fit_rows(view: QTableView, column: int) -> None:
    """Give each row the lines its ``column`` text needs at the column's width."""
    model = view.model()
    if model is None:
        return
    single = view.verticalHeader().defaultSectionSize()
    width = max(10, view.columnWidth(column) - 8)
    metrics = view.fontMetrics()
    for row in range(model.rowCount()):
        text = str(model.index(row, column).data() or "")
        need = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                    text).height() + 8
        view.setRowHeight(row, max(single, need))
