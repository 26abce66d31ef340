"""A bar chart of the monthly cost over the next twelve months, drawn with QPainter.

Qt Charts is in PySide6-Addons, which the app does not ship (bundle size), and
twelve bars need no more than a painter.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.money import format_usd
from core.planning.growth import GrowthProjection

BAR = QColor("#3d7bd9")
FIRST = QColor("#8fb3ea")


def nice_step(top: Decimal, ticks: int = 4) -> Decimal:
    """A round axis step (1, 2 or 5 x 10^n) so that ``ticks`` steps cover ``top``."""
    if top <= 0:
        return Decimal(1)
    raw = top / ticks
    exponent = raw.adjusted()
    base = Decimal(10) ** exponent
    for factor in (1, 2, 5, 10):
        step = base * factor
        if step >= raw:
            return step
    return base * 10  # pragma: no cover - the loop always returns


class GrowthChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._projection: GrowthProjection | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def set_projection(self, projection: GrowthProjection | None) -> None:
        self._projection = projection
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        projection = self._projection
        if projection is None or not projection.months:
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        top_value = max(m.cost for m in projection.months)
        step = nice_step(top_value)
        ticks = int((top_value / step).to_integral_value(rounding="ROUND_CEILING")) or 1
        axis_top = step * ticks
        labels = [format_usd(step * i, places=0 if step >= 1 else 2) for i in range(ticks + 1)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 12
        bottom = metrics.height() + 10
        plot = QRectF(
            left, metrics.height() + 8, self.width() - left - 10, self.height() - bottom - metrics.height() - 18
        )
        text_pen = QPen(palette.text().color())
        grid_pen = QPen(palette.mid().color())
        grid_pen.setStyle(Qt.PenStyle.DotLine)
        for i, label in enumerate(labels):
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(grid_pen)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        slot = plot.width() / len(projection.months)
        value_labels = [format_usd(m.cost, places=0) for m in projection.months]
        label_all = max(metrics.horizontalAdvance(t) for t in value_labels) + 4 <= slot
        month_width = metrics.horizontalAdvance("Dec 26") + 6
        every = max(1, -(-month_width // max(int(slot), 1)))  # label every n-th month when bars are narrow
        for index, month in enumerate(projection.months):
            share = float(month.cost / axis_top) if axis_top else 0.0
            height = plot.height() * share
            bar = QRectF(plot.left() + slot * index + slot * 0.15, plot.bottom() - height, slot * 0.7, height)
            painter.fillRect(bar, FIRST if index == 0 else BAR)
            painter.setPen(text_pen)
            if label_all or (
                index in (0, len(projection.months) - 1) and slot * 2 >= metrics.horizontalAdvance(value_labels[index])
            ):
                painter.drawText(
                    QRectF(bar.center().x() - slot, bar.top() - metrics.height() - 2, slot * 2, metrics.height()),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    value_labels[index],
                )
            label = month.month.strftime("%b")
            if month.month.month == 1 or index == 0:
                label += month.month.strftime(" %y")
            if index % every:
                continue
            painter.drawText(
                QRectF(plot.left() + slot * index - slot, plot.bottom() + 4, slot * 3, metrics.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
        painter.end()
