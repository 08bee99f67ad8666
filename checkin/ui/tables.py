"""Tables of people: one line a row, and a second line only for a text its column cuts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table over frozen rows (STYLE 4): subclasses give the column titles
    (:meth:`headers`) and a row's cells (:meth:`cells`), and any other role (colour, font,
    alignment) through :meth:`extra`; names pass through ``shown_name`` (masked in kiosk
    mode). ``tooltips``: a cell's text is its tooltip too (for texts a column may cut)."""

    columns: ClassVar[int] = 0
    tooltips: ClassVar[bool] = False

    def __init__(self, shown_name: Callable[[str], str]) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.shown_name = shown_name

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.columns

    def headers(self) -> tuple[str, ...]:
        """The column titles, in the current language."""
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[object, ...]:
        """What each column shows for ``row`` (shown as text)."""
        raise NotImplementedError

    def extra(self, row: Any, column: int, role: int) -> Any:
        """Any other role of a cell (None: Qt's default)."""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole or (
                role == Qt.ItemDataRole.ToolTipRole and self.tooltips):
            return str(self.cells(row)[index.column()])
        return self.extra(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.headers()[section]


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
