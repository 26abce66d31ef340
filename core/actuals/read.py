"""Reading usage files: open safely, tell the format by content, stream the records into totals.

Every file is opened through :func:`core.files.yamlio.open_regular` (no pipes,
devices or folders) and read no further than its size when opened. The first
line that is a JSON object decides the format; a file whose first object is
none of the four is refused as a whole, and so is an empty file. After that a
line that cannot be counted (not JSON, no usage, a model or size the catalog
does not know, a negative or absurd token count) is counted and named by file
and line, and the rest of the file still counts.

Batch output lines carry no model: they are matched by ``custom_id`` to the
batch input files given beside them, which are read first. That index (one
small entry per batch request, at most 50,000 per batch) is the only thing
kept per record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from core.actuals.formats import (
    EMPTY_PAGE,
    PARTIAL_EVENTS,
    BatchInputLine,
    BatchOutputLine,
    CostsPage,
    Format,
    ImageRequest,
    ImagesResponse,
    ResponsePair,
    UsagePage,
    classify,
)
from core.actuals.groups import Collected, FileReport, GroupKey
from core.actuals.lines import MAX_KEPT, read_lines
from core.errors import ImageCostError
from core.files.yamlio import open_regular, read_bytes
from core.model.sizes import Size
from core.pricing.catalog import Catalog
from core.validation import field_path, first_error

#: A Usage or Costs API export written as one (pretty-printed) JSON document is read whole, up to this.
MAX_DOCUMENT = 16 * 1024 * 1024
#: Bad lines (or empty pages) read in a row before a file is given up on as no known format.
DETECT_LINES = 1000
IMAGE_URLS = ("/v1/images/generations", "/v1/images/edits")
WHAT = "usage file"
HTTP_OK = 200
#: Distinct (model, quality, size) checks remembered.
MAX_CHECKED = 4096
_FORMAT_NAMES = "an Images API response, a Batch API input or output line, or a Usage or Costs API page"

Record = tuple[int | None, dict[str, Any]]


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not JSON: not UTF-8 text (byte 0x{exc.object[exc.start]:02x})"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg.lower()} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "not JSON we read: it nests too deeply"
    return "not JSON we read: a number too long or out of range"


def _parse(text: bytes) -> Any:
    return json.loads(text, parse_float=Decimal)


#: Told how far the import is: (bytes read, bytes in all), every PROGRESS_LINES lines; False cancels.
Progress = Callable[[int, int], bool]
PROGRESS_LINES = 256


class ImportCancelled(ImageCostError):
    """The person stopped the import; nothing read is kept."""


def _json_lines(
    path: Path, report: FileReport, give_up: int | None = None, tick: Callable[[int], None] | None = None
) -> Iterator[Record]:
    """The JSON objects of a JSON Lines file, one at a time; bad lines go to REPORT.

    GIVE_UP (while the format is being found) stops after that many bad lines, or at the first
    line too long to keep. TICK is told the bytes read so far every PROGRESS_LINES lines.
    """
    handle, size = open_regular(path, what=WHAT)
    with handle:
        for line in read_lines(handle, size, stop_at_long=give_up is not None):
            if give_up is not None and report.bad >= give_up:
                return
            if tick is not None and line.number % PROGRESS_LINES == 0:
                tick(line.end)
            report.image_bytes_dropped += line.dropped
            if line.text is None:
                report.bad_line(line.number, f"the line is over {MAX_KEPT // 1024:,} KB without its image data")
                continue
            if not line.text.strip():
                continue
            try:
                record = _parse(line.text.rstrip(b"\r\n"))  # so an error's column stays on the line
            except (ValueError, RecursionError) as exc:
                report.bad_line(line.number, _json_problem(exc))
                continue
            if not isinstance(record, dict):
                report.bad_line(line.number, "not a JSON object")
                continue
            yield line.number, record


def _document(path: Path) -> list[Record] | None:
    """A whole-file JSON document (a page, or a list of pages), or None if the file is not one."""
    try:
        data = _parse(read_bytes(path, what=WHAT, max_bytes=MAX_DOCUMENT))
    except (ValueError, RecursionError):
        return None
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    return [(None, item) for item in items]


def _starts_document(path: Path) -> bool:
    """Whether the file is one JSON document: its first line opens one over several lines, or is a list."""
    handle, size = open_regular(path, what=WHAT)
    with handle:
        for line in read_lines(handle, size, stop_at_long=True):
            text = (line.text or b"").strip()
            if not text:
                continue
            if text[:1] not in (b"{", b"["):
                return False
            try:
                first = _parse(text)
            except (ValueError, RecursionError):
                return True
            return isinstance(first, list)  # a list of pages on one line
    return False


@dataclass
class _Opened:
    """A file with its format decided and its records ready to stream."""

    report: FileReport
    format: Format | None
    records: Callable[[Callable[[int], None] | None], Iterator[Record]]
    size: int


def _open(path: Path) -> _Opened:
    """Decide the format of PATH from its first JSON object; refuse empty and unknown files."""
    report = FileReport(path)
    handle, size = open_regular(path, what=WHAT)
    handle.close()
    if size == 0:
        raise ImageCostError("the file is empty", path=path)
    document = _document(path) if size <= MAX_DOCUMENT and _starts_document(path) else None
    probe = FileReport(path)
    found: Format | None = None
    seen = 0
    source = iter(document) if document is not None else _json_lines(path, probe, DETECT_LINES)
    for line, record in source:
        kind = classify(record)
        if kind is None:
            raise ImageCostError(f"the first JSON object is not {_FORMAT_NAMES}", path=path, line=line)
        if kind != EMPTY_PAGE:
            assert isinstance(kind, Format)
            found = kind
            break
        seen += 1
        if seen >= DETECT_LINES:
            break
    if found is None and seen == 0:
        if probe.bad:
            first = probe.problems[0]
            lines = "no line" if probe.bad < DETECT_LINES else f"none of the first {DETECT_LINES:,} lines"
            raise ImageCostError(f"{lines} is a JSON object ({first.message})", path=path, line=first.line)
        raise ImageCostError("the file is empty", path=path, hint="it holds only blank lines")
    report.format = found.value if found is not None else "Usage or Costs API export with no results"
    if document is not None:
        pages = document
        return _Opened(report, found, lambda _tick: iter(pages), size)
    return _Opened(report, found, lambda tick: _json_lines(path, report, tick=tick), size)


class _KeyCheck:
    """Model, quality and size checked against the catalog once per distinct triple."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._seen: dict[tuple[str | None, str | None, str | None], GroupKey | str] = {}

    def __call__(self, model: str | None, quality: str | None, size: str | None) -> GroupKey | str:
        """The group key, or what is wrong with it (QUALITY and SIZE may be None for what is not known)."""
        triple = (model, quality, size)
        known = self._seen.get(triple)
        if known is None:
            known = self._check(model, quality, size)
            if len(self._seen) < MAX_CHECKED:  # a file of made-up sizes must not grow memory without end
                self._seen[triple] = known
        return known

    def _check(self, model_id: str | None, quality: str | None, size_text: str | None) -> GroupKey | str:
        if model_id is None:
            return "no model: log it beside the response (a top-level 'model' key or a request/response pair)"
        try:
            model = self.catalog.model(model_id)
            if quality is not None:
                model.check_quality(quality)
            size = str(model.check_size(size_text)) if size_text is not None else None
        except ImageCostError as exc:
            return f"{exc.message} in the price sheets" if exc.field == "model" else exc.message
        return GroupKey(model_id, quality, size)


def _invalid(exc: ValidationError, prefix: str = "") -> str:
    message, loc = first_error(exc)
    where = field_path(loc)
    where = f"{prefix}{where}" if where else prefix.rstrip(".")
    return f"{where}: {message}" if where else message


def _validated(model: type[BaseModel], record: Any, report: FileReport, line: int | None, prefix: str = "") -> Any:
    try:
        return model.model_validate(record)
    except ValidationError as exc:
        report.bad_line(line, _invalid(exc, prefix))
        return None


@dataclass(frozen=True, slots=True)
class _BatchRequest:
    model: str | None
    quality: str | None
    size: str | None
    n: int
    where: str


class _Reader:
    """Streams the records of every file into one :class:`Collected`."""

    def __init__(self, catalog: Catalog) -> None:
        self.out = Collected()
        self.check = _KeyCheck(catalog)
        self.batch: dict[str, _BatchRequest] = {}
        self.answered: set[str] = set()

    def read(self, opened: _Opened, tick: Callable[[int], None] | None = None) -> None:
        report = opened.report
        handler = {
            Format.RESPONSES: self._response,
            Format.BATCH_INPUT: self._batch_input,
            Format.BATCH_OUTPUT: self._batch_output,
            Format.USAGE: self._usage_page,
            Format.COSTS: self._costs_page,
        }
        for line, record in opened.records(tick):
            kind = classify(record)
            if kind == EMPTY_PAGE:
                continue
            if kind != opened.format:
                what = kind.value if isinstance(kind, Format) else "not one of the formats the importer reads"
                found = opened.format.value if opened.format else "this file"
                report.bad_line(line, f"{what}, in a file read as {found}" if isinstance(kind, Format) else what)
                continue
            assert isinstance(kind, Format)  # equal to the file's format, which is one
            before = report.bad
            handler[kind](record, report, line)
            if report.bad == before:
                report.records += 1
        self.out.files.append(report)

    def _key(
        self, report: FileReport, line: int | None, model: str | None, quality: str | None, size: str | None
    ) -> GroupKey | None:
        key = self.check(model, quality, size)
        if isinstance(key, str):
            report.bad_line(line, key)
            return None
        return key

    def _call(
        self,
        response: ImagesResponse,
        request: ImageRequest | None,
        report: FileReport,
        line: int | None,
        *,
        batch: bool,
        model: str | None,
    ) -> None:
        quality = response.quality or (request.quality if request else None)
        size = response.size or (request.size if request else None)
        if response.usage is None:
            report.bad_line(line, "a response without usage (only GPT Image models report tokens)")
            return
        if quality is None or size is None:
            missing = " and ".join(n for n, v in (("quality", quality), ("size", size)) if v is None)
            report.bad_line(line, f"the response names no {missing}: log the request with it")
            return
        key = self._key(report, line, model, quality, size)
        if key is None:
            return
        usage = response.usage
        if response.data is not None:
            images = len(response.data)
        elif response.type is not None:
            images = 1  # a completed stream event is one image
        else:
            images = request.n if request and request.n else 1
        self.out.add_call(
            key,
            images=images,
            text_in=usage.text_in,
            image_in=usage.image_in,
            image_out=usage.image_out,
            text_out=usage.text_out,
            timestamp=response.timestamp,
            batch=batch,
        )

    def _failure(
        self,
        report: FileReport,
        line: int | None,
        asked: tuple[str | None, str | None, str | None],
        timestamp: int | None = None,
    ) -> None:
        model, quality, size = asked
        key = self._key(report, line, model, quality, size)
        if key is not None:
            self.out.add_failure(key, timestamp)

    def _response(self, record: dict[str, Any], report: FileReport, line: int | None) -> None:
        request: ImageRequest | None = None
        if "request" in record:
            pair: ResponsePair | None = _validated(ResponsePair, record, report, line)
            if pair is None:
                return
            request, response, error = pair.request, pair.response, pair.error
            if response is not None and response.error is not None:
                error = response.error
        else:
            response = _validated(ImagesResponse, record, report, line)
            if response is None:
                return
            error = response.error
        if response is not None and response.type in PARTIAL_EVENTS:
            report.ignored["partial-image events (their tokens are in the completed event)"] += 1
            return
        model = (request.model if request else None) or (response.model if response else None)
        if error is not None or response is None:
            quality = (response.quality if response else None) or (request.quality if request else None)
            size = (response.size if response else None) or (request.size if request else None)
            self._failure(report, line, (model, quality, size), response.timestamp if response else None)
            return
        self._call(response, request, report, line, batch=False, model=model)

    def _batch_input(self, record: dict[str, Any], report: FileReport, line: int | None) -> None:
        entry: BatchInputLine | None = _validated(BatchInputLine, record, report, line)
        if entry is None:
            return
        if entry.url.split("?")[0] not in IMAGE_URLS:
            report.bad_line(line, f"not an Images API request (url {entry.url})")
            return
        body = entry.body
        if self._key(report, line, body.model, None, None) is None:
            return
        earlier = self.batch.get(entry.custom_id)
        if earlier is not None:
            twice = f"custom_id '{entry.custom_id}' appears twice in the batch input (first at {earlier.where})"
            report.bad_line(line, twice)
            return
        where = f"{report.path.name}, line {line}"
        self.batch[entry.custom_id] = _BatchRequest(body.model, body.quality, body.size, body.n or 1, where)

    def _batch_output(self, record: dict[str, Any], report: FileReport, line: int | None) -> None:
        entry: BatchOutputLine | None = _validated(BatchOutputLine, record, report, line)
        if entry is None:
            return
        request = self.batch.get(entry.custom_id)
        if request is None:
            missing = f"no batch input line for custom_id '{entry.custom_id}' (give the batch input file too)"
            report.bad_line(line, missing)
            return
        if entry.custom_id in self.answered:
            report.bad_line(line, f"custom_id '{entry.custom_id}' is answered twice")
            return
        self.answered.add(entry.custom_id)
        answer = entry.response
        if answer is None or entry.error is not None or answer.status_code != HTTP_OK:
            self._failure(report, line, (request.model, request.quality, request.size))
            return
        body = _validated(ImagesResponse, answer.body, report, line, "response.body.")
        if body is None:
            return
        asked = ImageRequest(model=request.model, quality=request.quality, size=request.size, n=request.n)
        self._call(body, asked, report, line, batch=True, model=request.model)

    def _usage_page(self, record: dict[str, Any], report: FileReport, line: int | None) -> None:
        page: UsagePage | None = _validated(UsagePage, record, report, line)
        if page is None:
            return
        for bucket in page.data:
            self.out.usage_span.add_window(bucket.start_time, bucket.end_time)
            for result in bucket.results:
                key = self._usage_key(report, line, result.model, result.size)
                if key is not None:
                    self.out.add_usage(key, result.num_model_requests, result.images, result.source)

    def _usage_key(self, report: FileReport, line: int | None, model: str | None, size: str | None) -> GroupKey | None:
        """A Usage API group: model and size when grouped by them (no quality: the API does not give it)."""
        if model is not None:
            return self._key(report, line, model, None, size)
        try:
            return GroupKey(None, None, str(Size.parse(size)) if size else None)
        except ImageCostError as exc:
            report.bad_line(line, exc.message)
            return None

    def _costs_page(self, record: dict[str, Any], report: FileReport, line: int | None) -> None:
        page: CostsPage | None = _validated(CostsPage, record, report, line)
        if page is None:
            return
        for bucket in page.data:
            self.out.costs_span.add_window(bucket.start_time, bucket.end_time)
            for result in bucket.results:
                item = result.line_item or "(all line items)"
                self.out.add_cost(item, result.amount.currency.upper(), result.amount.value)

    def finish(self) -> Collected:
        self.out.unanswered = len(self.batch) - len(self.answered)
        return self.out


#: Batch input first: output lines are matched to it by custom_id.
_ORDER = {Format.BATCH_INPUT: 0}


def read_usage(paths: Sequence[Path], catalog: Catalog, *, progress: Progress | None = None) -> Collected:
    """Read every file into one set of totals; a file refused as a whole is reported, the rest still count.

    Raises :class:`ImageCostError` (the first file's reason) when nothing at all could be read, and
    :class:`ImportCancelled` when PROGRESS returns False.
    """
    reader = _Reader(catalog)
    order = list(dict.fromkeys(Path(p) for p in paths))
    opened: list[_Opened] = []
    refused: list[tuple[FileReport, ImageCostError]] = []
    for path in order:
        try:
            opened.append(_open(path))
        except ImageCostError as exc:
            refused.append((FileReport(path, refused=exc.message), exc))
    total = sum(item.size for item in opened)
    done = 0

    def tick(position: int) -> None:
        if progress is not None and not progress(done + position, total):
            raise ImportCancelled("the import was cancelled; nothing was read")

    for item in sorted(opened, key=lambda o: _ORDER.get(o.format, 1) if o.format else 1):
        reader.read(item, tick if progress is not None else None)
        done += item.size
        tick(0)
    collected = reader.finish()
    collected.files.extend(report for report, _exc in refused)
    collected.files.sort(key=lambda report: order.index(report.path))
    if not any(report.records for report in collected.files):
        if refused:
            raise refused[0][1]
        first = next((p for r in collected.files for p in r.problems), None)
        if first is None:
            raise ImageCostError("nothing could be read", path=collected.files[0].path if collected.files else None)
        raise ImageCostError(f"nothing could be read ({first.message})", path=first.path, line=first.line)
    return collected
