"""Rate limits: the usage tier's images-per-minute limit against the scenarios' volume."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.model.fields import bounds
from core.model.plan_settings import PlanSettings
from core.model.usage_tiers import DEFAULT_TIER, RateLimits, bundled_rate_limits
from core.money import format_quantity, format_share
from core.planning.rate_limits import (
    IPM_ROUNDING_NOTE,
    THROUGHPUT_HEADERS,
    capacity_text,
    check_throughput,
    plan_checks,
    unconfirmed_models,
    whole_ipm,
)
from core.pricing.estimate import Estimate
from core.pricing.sources import source_citation
from gui.views.cells import bad_colour, fit_height, good_colour, item, read_only_table
from gui.views.plain_text import plain_label

#: The peak window is set in half hours.
HOURS_STEP = Decimal("0.5")


def _peak_window_controls() -> tuple[QDoubleSpinBox, QSpinBox]:
    """When the traffic arrives: hours a day and days a month, within the plan's bounds."""
    hours = QDoubleSpinBox()
    hours.setRange(*bounds(PlanSettings, "peak_hours_per_day").scaled_range(step=HOURS_STEP))
    hours.setDecimals(1)
    hours.setSingleStep(1)
    hours.setSuffix(" h a day")
    hours.setAccessibleName("Peak hours a day")
    hours.setValue(24)
    days = QSpinBox()
    days.setRange(*bounds(PlanSettings, "active_days_per_month").int_range())
    days.setSuffix(" days a month")
    days.setAccessibleName("Active days a month")
    days.setValue(30)
    return hours, days


class LimitsPanel(QWidget):
    """Emits ``settings_changed`` with (tier, peak hours, days) when the person changes them."""

    settings_changed = Signal(str, object, int)

    def __init__(self, limits: RateLimits | None = None) -> None:
        super().__init__()
        self._limits = limits or bundled_rate_limits()
        self._estimates: list[Estimate] = []
        self.tier = QComboBox()
        for tier in self._limits.tiers:
            ipm = f"{tier.ipm:,} images a minute" if tier.ipm else (tier.note or "no image generation")
            self.tier.addItem(f"{tier.label}: {ipm}", tier.tier)
        self.tier.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hours, self.days = _peak_window_controls()
        window = QHBoxLayout()
        window.addWidget(self.hours)
        window.addWidget(QLabel("on"))
        window.addWidget(self.days)
        window.addStretch(1)
        form = QFormLayout()
        tier_row = QHBoxLayout()
        tier_row.addWidget(self.tier)
        tier_row.addStretch(1)
        form.addRow("Usage tier:", tier_row)
        form.addRow("Traffic arrives in:", window)
        self.capacity = plain_label()
        self.capacity.setWordWrap(True)
        self.table = read_only_table(
            "Scenarios against the rate limit",
            list(THROUGHPUT_HEADERS),
        )
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.tiers = read_only_table(
            "Usage tiers", ["Tier", "Images a minute", "A month, 24 h", "In the window", "All fit"]
        )
        self.note = plain_label()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.capacity)
        layout.addWidget(self.table)
        layout.addWidget(self.verdict)
        layout.addWidget(QLabel("<b>Every tier</b>"))
        layout.addWidget(self.tiers)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.tier.currentIndexChanged.connect(self._changed)
        self.hours.valueChanged.connect(self._changed)
        self.days.valueChanged.connect(self._changed)

    def settings(self) -> PlanSettings:
        return PlanSettings(
            usage_tier=str(self.tier.currentData()),
            peak_hours_per_day=Decimal(f"{self.hours.value():.1f}"),
            active_days_per_month=self.days.value(),
        )

    def set_settings(self, plan: PlanSettings) -> None:
        """Show a file's settings without emitting a change."""
        for widget in (self.tier, self.hours, self.days):
            widget.blockSignals(True)
        index = self.tier.findData(plan.usage_tier or DEFAULT_TIER)
        self.tier.setCurrentIndex(max(index, 0))
        self.hours.setValue(float(plan.peak_hours_per_day))
        self.days.setValue(plan.active_days_per_month)
        for widget in (self.tier, self.hours, self.days):
            widget.blockSignals(False)
        self._refresh()

    def set_estimates(self, estimates: list[Estimate]) -> None:
        self._estimates = estimates
        self._refresh()

    def _changed(self) -> None:
        self._refresh()
        s = self.settings()
        self.settings_changed.emit(s.usage_tier or DEFAULT_TIER, s.peak_hours_per_day, s.active_days_per_month)

    def _refresh(self) -> None:
        settings = self.settings()
        checks = plan_checks(self._estimates, settings)
        tier = checks[-1][1].tier
        total = checks[-1][1]
        self.capacity.setText(capacity_text(total, settings))
        self.table.setRowCount(len(checks))
        for r, (name, check) in enumerate(checks):
            last = r == len(checks) - 1
            self.table.setItem(r, 0, item(name, bold=last))
            self.table.setItem(r, 1, item(format_quantity(check.images.quantize(Decimal(1))), numeric=True, bold=last))
            self.table.setItem(r, 2, item(f"{check.needed_ipm:.2f}", numeric=True, bold=last))
            use = "-" if check.utilisation is None else format_share(check.utilisation)
            self.table.setItem(r, 3, item(use, numeric=True, bold=last))
            fits = item("yes" if check.fits else "no", bold=last)
            fits.setForeground(good_colour(self.palette()) if check.fits else bad_colour(self.palette()))
            self.table.setItem(r, 4, fits)
        fit_height(self.table)
        self._fill_tiers(total.images, settings)
        lowest = total.lowest_fitting_tier
        if lowest is None:
            verdict = (
                f"No tier fits: {whole_ipm(total.needed_ipm):,} images a minute are needed in the window. Spread the "
                "traffic over more hours, use the Batch API, or ask OpenAI for a higher limit."
            )
            colour = bad_colour(self.palette())
        elif total.fits:
            verdict = f"All scenarios fit {tier.label}. The lowest tier that fits is {lowest.label} ({lowest.ipm} IPM)."
            colour = good_colour(self.palette())
        else:
            verdict = f"All scenarios together need {lowest.label} ({lowest.ipm} IPM) or higher."
            colour = bad_colour(self.palette())
        self.verdict.setText(f"<span style='color:{colour.name()}'><b>{verdict}</b></span>")
        unconfirmed = unconfirmed_models(self._estimates, self._limits)
        note = (
            f"Source: {source_citation(tier.source)}. Every generated image counts, retries included. "
            if tier.source
            else ""
        ) + f"{IPM_ROUNDING_NOTE} "
        if unconfirmed:
            note += (
                f"The table is published for {', '.join(self._limits.published_for)}; for {', '.join(unconfirmed)} "
                "it is unconfirmed."
            )
        self.note.setText(note)

    def _fill_tiers(self, images: Decimal, settings: PlanSettings) -> None:
        """Each tier's limit as images a month, and whether all scenarios together fit it."""
        self.tiers.setRowCount(len(self._limits.tiers))
        for r, tier in enumerate(self._limits.tiers):
            check = check_throughput(images, tier.tier, settings, self._limits)
            none = tier.note or "not supported"
            mine = tier.tier == (settings.usage_tier or DEFAULT_TIER)
            self.tiers.setItem(r, 0, item(tier.label + ("  (selected)" if mine else ""), bold=mine))
            self.tiers.setItem(r, 1, item(f"{tier.ipm:,}" if tier.ipm else none, numeric=True))
            full = check.capacity_full_month
            window = check.capacity_in_window
            self.tiers.setItem(r, 2, item(format_quantity(full) if full is not None else "-", numeric=True))
            self.tiers.setItem(r, 3, item(format_quantity(window) if window is not None else "-", numeric=True))
            fits = item("yes" if check.fits else "no")
            fits.setForeground(good_colour(self.palette()) if check.fits else bad_colour(self.palette()))
            self.tiers.setItem(r, 4, fits)
        fit_height(self.tiers)
