"""What the readers collect: running totals per (model, quality, size), never the calls themselves.

Each call read is added to its group's sums and to small counters of the
token figures (so medians stay exact without keeping a list per call); Usage
and Costs API rows are summed the same way. Memory grows with the number of
distinct groups and token values, not with the number of lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

#: Problems named one by one per file; the rest are counted.
MAX_NAMED = 20
#: What the label shows for a part the data does not give (the Usage API has no quality).
ANY = "*"


@dataclass(frozen=True, slots=True)
class GroupKey:
    """Model, quality and size of a group of calls; None where the data does not say."""

    model: str | None
    quality: str | None
    size: str | None

    @property
    def label(self) -> str:
        """'gpt-image-1/low/1024x1024', with '*' for what is not known: how groups are named and reassigned."""
        return "/".join(part if part is not None else ANY for part in (self.model, self.quality, self.size))


@dataclass(slots=True)
class Tokens:
    """Token sums of the calls that reported usage."""

    text_in: int = 0
    image_in: int = 0
    image_out: int = 0
    text_out: int = 0

    def add(self, text_in: int, image_in: int, image_out: int, text_out: int) -> None:
        self.text_in += text_in
        self.image_in += image_in
        self.image_out += image_out
        self.text_out += text_out


@dataclass(slots=True)
class CallGroup:
    """Calls of one group from response logs and batch files."""

    key: GroupKey
    delivered: int = 0
    failed: int = 0
    images: int = 0
    standard: Tokens = field(default_factory=Tokens)
    batch: Tokens = field(default_factory=Tokens)
    #: Image output tokens per image of each call, and how many calls gave each value.
    out_per_image: Counter[Decimal] = field(default_factory=Counter)
    #: Image input tokens per call (calls with input images only).
    image_in_per_call: Counter[int] = field(default_factory=Counter)

    @property
    def attempts(self) -> int:
        return self.delivered + self.failed


@dataclass(slots=True)
class UsageGroup:
    """Usage API results of one group: requests and images as OpenAI counted them."""

    key: GroupKey
    requests: int = 0
    images: int = 0
    sources: set[str] = field(default_factory=set)


@dataclass(slots=True)
class CostLine:
    """Costs API amounts of one line item and currency."""

    line_item: str
    currency: str
    amount: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Problem:
    """A line that could not be counted, and why."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path.name}, line {self.line}" if self.line is not None else self.path.name
        return f"{where}: {self.message}"


@dataclass(slots=True)
class FileReport:
    """One file: the format found, what was read and what could not be."""

    path: Path
    format: str | None = None
    records: int = 0
    bad: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: Lines read but not counted on purpose (e.g. partial-image events), by reason.
    ignored: Counter[str] = field(default_factory=Counter)
    #: Image data dropped while reading, in bytes.
    image_bytes_dropped: int = 0
    #: Why the file was refused as a whole, if it was.
    refused: str | None = None

    def bad_line(self, line: int | None, message: str) -> None:
        self.bad += 1
        if len(self.problems) < MAX_NAMED:
            self.problems.append(Problem(self.path, line, message))

    @property
    def unnamed(self) -> int:
        """Bad lines counted but not named one by one."""
        return self.bad - len(self.problems)


@dataclass(slots=True)
class Span:
    """The time some records cover, in Unix seconds: call timestamps (points) or API buckets (windows)."""

    first: int | None = None
    last: int | None = None
    points: int = 0
    windows: bool = False

    def add_point(self, moment: int) -> None:
        self.points += 1
        self._widen(moment, moment)

    def add_window(self, start: int, end: int) -> None:
        self.windows = True
        self._widen(start, end)

    def _widen(self, start: int, end: int) -> None:
        self.first = start if self.first is None else min(self.first, start)
        self.last = end if self.last is None else max(self.last, end)

    @property
    def seconds(self) -> Decimal | None:
        """The length covered; None when it cannot be told (fewer than two moments, or all at one).

        Buckets cover start to end. N calls from first to last stand for N gaps, not N - 1: each
        call stands for the time to the next one, so the span is (last - first) x N / (N - 1).
        """
        if self.first is None or self.last is None or self.last <= self.first:
            return None
        raw = Decimal(self.last - self.first)
        if self.windows:
            return raw
        return raw * self.points / (self.points - 1)


@dataclass(slots=True)
class Collected:
    """Everything read from a set of files."""

    files: list[FileReport] = field(default_factory=list)
    calls: dict[GroupKey, CallGroup] = field(default_factory=dict)
    usage: dict[GroupKey, UsageGroup] = field(default_factory=dict)
    costs: dict[tuple[str, str], CostLine] = field(default_factory=dict)
    call_span: Span = field(default_factory=Span)
    usage_span: Span = field(default_factory=Span)
    costs_span: Span = field(default_factory=Span)
    #: Batch requests with no line in any output file given.
    unanswered: int = 0

    def group(self, key: GroupKey) -> CallGroup:
        group = self.calls.get(key)
        if group is None:
            group = self.calls[key] = CallGroup(key)
        return group

    def add_call(
        self,
        key: GroupKey,
        *,
        images: int,
        text_in: int,
        image_in: int,
        image_out: int,
        text_out: int,
        timestamp: int | None,
        batch: bool,
    ) -> None:
        group = self.group(key)
        group.delivered += 1
        group.images += images
        (group.batch if batch else group.standard).add(text_in, image_in, image_out, text_out)
        if images:
            per_image = Decimal(image_out) / images if image_out % images else Decimal(image_out // images)
            group.out_per_image[per_image] += 1
        if image_in:
            group.image_in_per_call[image_in] += 1
        if timestamp is not None:
            self.call_span.add_point(timestamp)

    def add_failure(self, key: GroupKey, timestamp: int | None = None) -> None:
        self.group(key).failed += 1
        if timestamp is not None:
            self.call_span.add_point(timestamp)

    def add_usage(self, key: GroupKey, requests: int, images: int, source: str | None) -> None:
        group = self.usage.get(key)
        if group is None:
            group = self.usage[key] = UsageGroup(key)
        group.requests += requests
        group.images += images
        if source:
            group.sources.add(source)

    def add_cost(self, line_item: str, currency: str, amount: Decimal) -> None:
        line = self.costs.get((line_item, currency))
        if line is None:
            line = self.costs[(line_item, currency)] = CostLine(line_item, currency)
        line.amount += amount
