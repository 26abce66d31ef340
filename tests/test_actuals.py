"""Actual usage against the plan: formats, bad input, matching, hand-checked figures, flat memory.

The logs are synthetic (tests/usage_logs.py). Every expected cost is worked out
here by hand from the bundled price sheets' published numbers
(pricing/openai-gpt-image.yaml), in the comments beside it. Nothing is timed.
"""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from core.actuals.calibrate import calibrated, calibration
from core.actuals.groups import Collected, GroupKey
from core.actuals.lines import MAX_KEPT, PIECE, read_lines
from core.actuals.read import ImportCancelled, read_usage
from core.actuals.reconcile import MONTH_SECONDS, median, reconcile
from core.actuals.render import chart_bars
from core.errors import ImageCostError
from core.model.scenario import Scenario
from core.pricing.catalog import default_catalog
from gui import cli
from tests.usage_logs import (
    DAY,
    HOUR,
    START,
    batch_input,
    batch_output,
    costs_page,
    pair,
    response,
    usage_page,
    write_big_log,
    write_jsonl,
)

CATALOG = default_catalog()
HERO = Scenario(name="Hero images", model="gpt-image-1", quality="low", size="1024x1024", requests_per_month=1000)
COVERS = Scenario(name="Covers", model="gpt-image-2", quality="high", size="1024x1536", requests_per_month=200)


def _read(path: Path, *records: dict | str) -> Collected:
    return read_usage([write_jsonl(path, records)], CATALOG)


def _hero_log(tmp_path: Path) -> Path:
    # Four gpt-image-1 low 1024x1024 calls an hour apart, 50 prompt tokens and 272 image tokens each.
    return write_jsonl(
        tmp_path / "responses.jsonl",
        [
            response("low", "1024x1024", model="gpt-image-1", text_in=50, image_out=272, created=START + i * HOUR)
            for i in range(4)
        ],
    )


# --- hand-checked figures ---------------------------------------------------------------------------------------


def test_responses_priced_token_exact_and_scaled_to_a_month(tmp_path: Path) -> None:
    result = reconcile(read_usage([_hero_log(tmp_path)], CATALOG), [HERO], CATALOG)
    row = result.rows[0]
    assert row.groups == ("gpt-image-1/low/1024x1024",)
    assert (row.requests, row.attempts, row.failed, row.images) == (4, 4, 0, 4)
    # gpt-image-1: text input $5.00 / 1M, image output $40.00 / 1M.
    # One call: 50 x 5 / 1M = $0.00025 + 272 x 40 / 1M = $0.01088 -> $0.01113; four calls $0.04452.
    assert row.cost == Decimal("0.04452")
    assert row.per_image == Decimal("0.01113")
    assert row.sheet_per_image == Decimal("0.011")  # the sheet's published low 1024x1024 price
    assert row.text_in_per_attempt == 50 and row.image_in_per_attempt == 0 and row.out_per_image == 272
    assert row.attempts_per_request == 1
    # First call to last is 3 h; four calls stand for four gaps: 3 h x 4 / 3 = 4 h = 14,400 s.
    assert result.call_span.seconds == 14_400
    # A 30-day month is 2,592,000 s = 180 x 4 h: 4 x 180 = 720 requests, $0.04452 x 180 = $8.0136.
    assert row.requests_per_month == 720
    assert row.monthly == Decimal("8.0136")
    # Planned: 1,000 requests x $0.011 = $11.000; difference $8.0136 - $11 = -$2.9864, -2.9864 / 11 = -27.149...%.
    assert row.target.monthly == Decimal("11.000")
    assert row.monthly_difference == Decimal("-2.9864")
    assert row.monthly_difference_percent is not None
    assert row.monthly_difference_percent.quantize(Decimal("0.0001")) == Decimal("-27.1491")
    assert row.requests_difference_percent == Decimal(-28)  # (720 - 1,000) / 1,000
    assert result.uncovered == ()


def test_logs_that_contradict_the_unconfirmed_gpt_image_2_formula_say_so(tmp_path: Path) -> None:
    # The formula for high 1536x1024: base 96, u = round(96 / 1.5) = 64,
    # ceil(96 x 64 x (2,000,000 + 1,572,864) / 4,000,000) = ceil(5,487.9...) = 5,488 tokens.
    calls = [
        response("high", "1024x1536", model="gpt-image-2", image_out=tokens, image_in=1000, created=START + i * HOUR)
        for i, tokens in enumerate((5600, 5600, 5700))
    ]
    result = reconcile(_read(tmp_path / "g2.jsonl", *calls), [COVERS], CATALOG)
    (check,) = result.checks
    assert (check.median, check.low, check.high, check.documented) == (5600, 5600, 5700, 5488)
    assert check.unconfirmed
    # (5,600 - 5,488) / 5,488 = +2.04%
    assert check.verdict == (
        "your logs contradict the unconfirmed gpt-image-2 output-token formula: "
        "a median of 5,600 tokens per image against 5,488 (+2.0%)"
    )
    # 1,000 input-image tokens per call is no whole number of the sheet's measured 1,024 (1024x1024) or 1,536.
    assert check.image_in_verdict == (
        "your logs contradict the unconfirmed measured figures: a median of 1,000 tokens per call "
        "is no whole number of 1,024 or 1,536"
    )
    row = result.rows[0]
    # gpt-image-2: image output $30 / 1M, image input $8 / 1M.
    # (5,600 + 5,600 + 5,700) x 30 / 1M = $0.507; 3 x 1,000 x 8 / 1M = $0.024; $0.531 for three images.
    assert row.cost == Decimal("0.531")
    assert row.per_image == Decimal("0.177")
    assert row.sheet_per_image == Decimal("0.165")


def test_measured_tokens_that_match_the_table(tmp_path: Path) -> None:
    calls = [response("high", "1024x1024", model="gpt-image-2", image_out=4160, image_in=1024) for _ in range(2)]
    # gpt-image-2 has a formula, not a table; gpt-image-1 high 1024x1024 is 4,160 in the documented table.
    table = [response("high", "1024x1024", model="gpt-image-1", image_out=4160, created=START + 60)]
    result = reconcile(_read(tmp_path / "m.jsonl", *calls, *table), [HERO], CATALOG)
    by_label = {check.label: check for check in result.checks}
    assert by_label["gpt-image-1/high/1024x1024"].verdict == "matches the documented output-token table"
    g2 = by_label["gpt-image-2/high/1024x1024"]
    # The formula for high 1024x1024: u = 96, ceil(96 x 96 x 3,048,576 / 4,000,000) = ceil(7,023.9...) = 7,024.
    assert g2.documented == 7024
    assert g2.verdict.startswith("your logs contradict the unconfirmed gpt-image-2 output-token formula")
    assert g2.image_in_verdict == "consistent with 1 input image(s) of 1024x1024"


def test_batch_files_matched_by_custom_id_failures_count_as_attempts(tmp_path: Path) -> None:
    scenario = Scenario(
        name="Catalogue", model="gpt-image-1.5", quality="medium", size="1024x1024", requests_per_month=300, batch=True
    )
    inputs = write_jsonl(
        tmp_path / "batch_in.jsonl",
        [batch_input(f"r{i}", "gpt-image-1.5", "medium", "1024x1024") for i in (1, 2, 3)],
    )
    body = response("medium", "1024x1024", image_out=1056, text_in=100)
    outputs = write_jsonl(
        tmp_path / "batch_out.jsonl", [batch_output("r1", body), batch_output("r2", None, status=500)]
    )
    collected = read_usage([outputs, inputs], CATALOG)  # the output file first: inputs are still read first
    assert [f.format for f in collected.files] == ["Batch API output file", "Batch API input file"]
    assert collected.unanswered == 1
    result = reconcile(collected, [scenario], CATALOG)
    row = result.rows[0]
    assert (row.requests, row.attempts, row.failed) == (1, 2, 1)
    assert row.attempts_per_request == 2
    # gpt-image-1.5 at the Batch multiplier 0.5: (100 x $5 + 1,056 x $32) / 1M = $0.034292, x 0.5 = $0.017146.
    assert row.cost == Decimal("0.017146")
    assert result.notes[0] == (
        "1 batch request has no output line (not run yet, or the result is in the batch's error file: give it too)"
    )


def test_failed_calls_logged_with_their_request_are_attempts(tmp_path: Path) -> None:
    request = {"model": "gpt-image-1", "quality": "low", "size": "1024x1024", "prompt": "x"}
    ok = response("low", "1024x1024", image_out=272, created=START)
    failed = pair(request, None, error={"message": "rate limited"})
    collected = _read(tmp_path / "pairs.jsonl", pair(request, ok), failed, failed)
    row = reconcile(collected, [HERO], CATALOG).rows[0]
    assert (row.requests, row.attempts, row.failed) == (1, 3, 2)
    assert row.attempts_per_request == 3


def test_usage_api_buckets_give_requests_per_month_and_unplanned_groups_are_listed(tmp_path: Path) -> None:
    page = usage_page(
        [
            (
                START,
                START + DAY,
                [
                    {
                        "images": 120,
                        "num_model_requests": 100,
                        "model": "gpt-image-1",
                        "size": "1024x1024",
                        "source": "image.generation",
                    },
                    {"images": 5, "num_model_requests": 5, "model": "dall-e-3", "size": "1024x1024"},
                ],
            )
        ]
    )
    path = tmp_path / "usage.json"
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")  # pretty-printed, as saved from a browser
    collected = read_usage([path], CATALOG)
    assert collected.files[0].format == "Usage API export (organization/usage/images)"
    result = reconcile(collected, [HERO], CATALOG)
    row = result.rows[0]
    # No quality in the Usage API: gpt-image-1/*/1024x1024 fits the one gpt-image-1 1024x1024 scenario.
    assert row.groups == ("gpt-image-1/*/1024x1024",)
    # 100 requests in a one-day bucket: 100 x 30 = 3,000 a month against 1,000 planned, +200%.
    assert row.usage_requests_per_month == 3000
    assert row.requests_per_month == 3000
    assert row.requests_difference_percent == 200
    assert row.monthly is None  # the Usage API carries no tokens
    (dalle,) = result.uncovered
    assert (dalle.label, dalle.reason, dalle.usage_requests) == ("dall-e-3/*/1024x1024", "no scenario plans it", 5)


def test_costs_api_amounts_are_exact_decimals(tmp_path: Path) -> None:
    path = tmp_path / "costs.json"
    path.write_text(
        costs_page([(START, START + 2 * DAY, [("0.06", "gpt-image-1, input"), ("1.2345678", "gpt-image-1, output")])])
    )
    collected = read_usage([path, _hero_log(tmp_path)], CATALOG)
    assert collected.files[0].format == "Costs API export (organization/costs)"
    billed = reconcile(collected, [HERO], CATALOG).billed
    assert billed is not None
    assert billed.lines == (
        ("gpt-image-1, input", "USD", Decimal("0.06")),
        ("gpt-image-1, output", "USD", Decimal("1.2345678")),
    )
    # 0.06 + 1.2345678 = 1.2945678 over two days; x 15 = 19.418517 a month.
    assert billed.totals == (("USD", Decimal("1.2945678")),)
    assert billed.per_month == (("USD", Decimal("19.418517")),)


# --- matching ----------------------------------------------------------------------------------------------------


def test_a_group_the_plan_does_not_cover_is_listed_and_can_be_reassigned(tmp_path: Path) -> None:
    medium = response("medium", "1024x1024", model="gpt-image-1", image_out=1056)
    collected = _read(tmp_path / "r.jsonl", medium)
    result = reconcile(collected, [HERO], CATALOG)
    (item,) = result.uncovered
    # 1,056 x $40 / 1M = $0.04224
    assert (item.label, item.reason, item.requests, item.cost) == (
        "gpt-image-1/medium/1024x1024",
        "no scenario plans it",
        1,
        Decimal("0.04224"),
    )
    moved = reconcile(collected, [HERO], CATALOG, assignments={"gpt-image-1/medium/1024x1024": "Hero images"})
    assert moved.uncovered == ()
    assert moved.rows[0].groups == ("gpt-image-1/medium/1024x1024",)
    assert moved.matches[GroupKey("gpt-image-1", "medium", "1024x1024")].assigned


def test_a_group_that_fits_two_scenarios_waits_for_an_assignment(tmp_path: Path) -> None:
    twin = HERO.updated(name="Hero images again")
    result = reconcile(read_usage([_hero_log(tmp_path)], CATALOG), [HERO, twin], CATALOG)
    assert result.uncovered[0].reason == "fits 2 scenarios (Hero images, Hero images again): assign it to one"


def test_an_assignment_naming_nothing_is_refused(tmp_path: Path) -> None:
    collected = read_usage([_hero_log(tmp_path)], CATALOG)
    with pytest.raises(ImageCostError) as caught:
        reconcile(collected, [HERO], CATALOG, assignments={"gpt-image-1/low/512x512": "Hero images"})
    assert str(caught.value) == (
        "--assign: no group 'gpt-image-1/low/512x512' in the usage read (groups: gpt-image-1/low/1024x1024)"
    )
    with pytest.raises(ImageCostError) as caught:
        reconcile(collected, [HERO], CATALOG, assignments={"gpt-image-1/low/1024x1024": "Heroes"})
    assert str(caught.value) == "--assign: no scenario named 'Heroes' (scenarios: Hero images)"


def test_stages_are_matched_one_by_one(tmp_path: Path) -> None:
    staged = Scenario.model_validate(
        {
            **HERO.model_dump(exclude={"stages"}),
            "name": "Drafts then finals",
            "stages": [
                {"name": "draft", "model": "gpt-image-1-mini", "quality": "low", "size": "1024x1024"},
                {"name": "final", "model": "gpt-image-1", "quality": "high", "size": "1024x1024", "share": "0.25"},
            ],
        }
    )
    log = response("high", "1024x1024", model="gpt-image-1", image_out=4160)
    result = reconcile(_read(tmp_path / "s.jsonl", log), [staged], CATALOG)
    names = [row.target.name for row in result.rows]
    assert names == ["Drafts then finals: draft", "Drafts then finals: final"]
    assert result.rows[1].groups == ("gpt-image-1/high/1024x1024",)
    assert result.rows[1].target.requests == 250  # 1,000 x 0.25


# --- formats and bad input ---------------------------------------------------------------------------------------

GOOD = response("low", "1024x1024", model="gpt-image-1", image_out=272)


def _usage_with(**changes: object) -> dict:
    record = json.loads(json.dumps(GOOD))
    record["usage"].update(changes)
    return record


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("this is not json", "not JSON: expecting value at column 1"),
        (
            '{"model": "gpt-image-1", "usage": {',
            "not JSON: expecting property name enclosed in double quotes at column 36",
        ),
        ("[1, 2]", "not a JSON object"),
        pytest.param("[" * 100_000 + "]" * 100_000, "not JSON we read: it nests too deeply", id="deep"),
        pytest.param(
            '{"created": ' + "9" * 5000 + "}", "not JSON we read: a number too long or out of range", id="long-number"
        ),
        ({**GOOD, "model": "gpt-image-9"}, "unknown model 'gpt-image-9' in the price sheets"),
        ({**GOOD, "size": "512x512"}, "gpt-image-1 has no size 512x512"),
        ({**GOOD, "quality": "ultra"}, "gpt-image-1 has no quality 'ultra'"),
        (
            {k: v for k, v in GOOD.items() if k != "usage"},
            "a response without usage (only GPT Image models report tokens)",
        ),
        ({k: v for k, v in GOOD.items() if k != "quality"}, "the response names no quality: log the request with it"),
        (
            {k: v for k, v in GOOD.items() if k != "model"},
            "no model: log it beside the response (a top-level 'model' key or a request/response pair)",
        ),
        (_usage_with(input_tokens=-5), "usage.input_tokens: a negative token count (got -5)"),
        (
            _usage_with(output_tokens=99_999_999_999),
            "usage.output_tokens: an absurd token count (over 10,000,000) (got 99999999999)",
        ),
        (_usage_with(output_tokens=True), "usage.output_tokens: expected a whole number of tokens (got True)"),
        (
            '{"created": 1, "usage": {"input_tokens": 1, "output_tokens": 272.5}, "model": "gpt-image-1"}',
            "usage.output_tokens: expected a whole number of tokens",
        ),
        (batch_output("r1", None), "Batch API output file, in a file read as Images API responses"),
        ({"hello": "world"}, "not one of the formats the importer reads"),
    ],
)
def test_a_bad_line_is_named_and_the_rest_still_counts(tmp_path: Path, line: dict | str, message: str) -> None:
    collected = _read(tmp_path / "log.jsonl", GOOD, line, GOOD)
    (report,) = collected.files
    assert (report.records, report.bad) == (2, 1)
    assert [str(p) for p in report.problems] == [f"log.jsonl, line 2: {message}"]
    assert collected.calls[GroupKey("gpt-image-1", "low", "1024x1024")].delivered == 2


def test_bad_lines_past_the_first_twenty_are_counted_not_named(tmp_path: Path) -> None:
    collected = _read(tmp_path / "log.jsonl", GOOD, *["nope"] * 25)
    report = collected.files[0]
    assert (report.bad, len(report.problems), report.unnamed) == (25, 20, 5)


def test_a_batch_output_line_without_its_input_is_named(tmp_path: Path) -> None:
    out = write_jsonl(tmp_path / "out.jsonl", [batch_output("r9", GOOD)])
    inputs = write_jsonl(tmp_path / "in.jsonl", [batch_input("r1", "gpt-image-1", "low", "1024x1024")])
    with pytest.raises(ImageCostError) as caught:
        read_usage([out], CATALOG)
    assert str(caught.value) == (
        "out.jsonl, line 1: nothing could be read "
        "(no batch input line for custom_id 'r9' (give the batch input file too))"
    )
    collected = read_usage([out, inputs], CATALOG)
    assert str(collected.files[0].problems[0]) == (
        "out.jsonl, line 1: no batch input line for custom_id 'r9' (give the batch input file too)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty (it holds only blank lines)"),
        (
            b'{"foo": 1}\n',
            "line 1: the first JSON object is not an Images API response, a Batch API input or output "
            "line, or a Usage or Costs API page",
        ),
        (b"version: 1\nscenarios: []\n", "line 1: no line is a JSON object (not JSON: expecting value at column 1)"),
        (b"\0" * (2 * MAX_KEPT), "line 1: no line is a JSON object (the line is over 1,024 KB without its image data)"),
    ],
)
def test_a_file_of_no_known_format_is_refused_as_a_whole(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "usage.jsonl"
    path.write_bytes(content)
    with pytest.raises(ImageCostError) as caught:
        read_usage([path], CATALOG)
    assert str(caught.value) == f"usage.jsonl{', ' if message.startswith('line') else ': '}{message}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_devices_pipes_and_folders_are_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    cases = {
        Path("/dev/zero"): "zero: usage file is not a regular file (a device, pipe or socket)",
        fifo: "pipe.jsonl: usage file is not a regular file (a device, pipe or socket)",
        tmp_path: f"{tmp_path.name}: usage file is a folder, not a file",
        tmp_path / "missing.jsonl": "missing.jsonl: usage file does not exist",
    }
    for path, message in cases.items():
        with pytest.raises(ImageCostError) as caught:
            read_usage([path], CATALOG)
        assert str(caught.value) == message


def test_a_refused_file_is_reported_and_the_others_still_count(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    collected = read_usage([empty, _hero_log(tmp_path)], CATALOG)
    assert [(f.path.name, f.refused, f.records) for f in collected.files] == [
        ("empty.jsonl", "the file is empty", 0),
        ("responses.jsonl", None, 4),
    ]


def test_every_format_is_told_apart_by_content(tmp_path: Path) -> None:
    files = {
        "a.txt": [GOOD],
        "b.txt": [pair({"model": "gpt-image-1", "quality": "low", "size": "1024x1024"}, GOOD)],
        "c.txt": [
            {
                "type": "image_generation.completed",
                "model": "gpt-image-1",
                "b64_json": "AAAA",
                "created_at": START,
                "quality": "low",
                "size": "1024x1024",
                "usage": GOOD["usage"],
            }
        ],
        "d.txt": [batch_input("x", "gpt-image-1", "low", "1024x1024")],
        "e.txt": [batch_output("x", GOOD)],
        "f.txt": [usage_page([(START, START + DAY, [{"images": 1, "num_model_requests": 1}])])],
        "g.txt": [costs_page([(START, START + DAY, [("0.5", None)])])],
    }
    paths = [write_jsonl(tmp_path / name, records) for name, records in files.items()]
    collected = read_usage(paths, CATALOG)
    assert [f.format for f in collected.files] == [
        "Images API responses",
        "Images API responses",
        "Images API responses",
        "Batch API input file",
        "Batch API output file",
        "Usage API export (organization/usage/images)",
        "Costs API export (organization/costs)",
    ]
    assert all(f.bad == 0 for f in collected.files)


def test_partial_image_events_are_counted_as_not_counted(tmp_path: Path) -> None:
    partial = {"type": "image_generation.partial_image", "partial_image_b64": "AAAA", "partial_image_index": 0}
    collected = _read(tmp_path / "stream.jsonl", GOOD, partial)
    assert dict(collected.files[0].ignored) == {"partial-image events (their tokens are in the completed event)": 1}


# --- reading with a bound ----------------------------------------------------------------------------------------


def _lines(data: bytes, size: int | None = None) -> list:
    return list(read_lines(io.BytesIO(data), len(data) if size is None else size))


def test_image_data_is_dropped_across_pieces_and_images() -> None:
    blob = "Q" * (3 * PIECE + 17)
    record = {"created": 1, "data": [{"b64_json": blob}, {"b64_json": blob}], "usage": {"output_tokens": 1}}
    (line,) = _lines(json.dumps(record).encode() + b"\n")
    assert line.dropped == 2 * len(blob)
    assert json.loads(line.text)["data"] == [{"b64_json": ""}, {"b64_json": ""}]


def test_an_image_key_split_between_two_pieces_is_found() -> None:
    for cut in range(1, 14):
        head = '{"pad": "' + "x" * (PIECE - 9 - cut) + '", '  # '"b64_json"' starts CUT bytes before a piece ends
        text = (head + '"b64_json": "' + "Q" * (2 * PIECE) + '"}\n').encode()
        (line,) = _lines(text)
        assert line.dropped == 2 * PIECE, cut
        assert json.loads(line.text)["b64_json"] == ""


def test_a_long_line_without_image_data_is_not_kept_and_the_next_line_is_read() -> None:
    data = b'{"x": "' + b"y" * (MAX_KEPT + 10) + b'"}\n{"ok": 1}\n'
    first, second = _lines(data)
    assert (first.number, first.text) == (1, None)
    assert (second.number, second.text) == (2, b'{"ok": 1}\n')


def test_reading_stops_at_the_size_the_file_had_when_opened() -> None:
    data = b'{"a": 1}\n{"b": 2}\n'
    assert [line.text for line in _lines(data, size=9)] == [b'{"a": 1}\n']


def test_a_byte_order_mark_is_dropped() -> None:
    (line,) = _lines(b'\xef\xbb\xbf{"a": 1}\r\n')
    assert json.loads(line.text) == {"a": 1}


def _peak_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        read_usage([path], CATALOG)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_with_megabytes_of_image_data(tmp_path: Path) -> None:
    small = write_big_log(tmp_path / "small.jsonl", 8, b64_bytes=1024 * 1024, every=2)  # 4 lines of 1 MB
    big = write_big_log(tmp_path / "big.jsonl", 40, b64_bytes=1024 * 1024, every=2)  # 20 lines of 1 MB
    _peak_reading(small)  # warm-up: caches and imports
    small_peak, big_peak = _peak_reading(small), _peak_reading(big)
    # One 1 MB line held whole would already pass the bound; five times the lines stay within it.
    bound = 512 * 1024
    assert small_peak < bound
    assert big_peak < bound
    collected = read_usage([big], CATALOG)
    assert collected.files[0].image_bytes_dropped == 20 * 1024 * 1024 + 20 * 16  # and the small lines' 16 bytes
    assert collected.calls[GroupKey("gpt-image-1", "low", "1024x1024")].delivered == 40


def test_median_is_exact() -> None:
    from collections import Counter

    assert median(Counter({Decimal(272): 3})) == 272
    assert median(Counter({1: 1, 2: 1, 10: 2})) == 6  # 1, 2, 10, 10: (2 + 10) / 2
    assert median(Counter()) is None


def test_month_is_thirty_days() -> None:
    assert MONTH_SECONDS == 30 * DAY


# --- the command line --------------------------------------------------------------------------------------------


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "version: 1\nscenarios:\n"
        "  - {name: Hero images, model: gpt-image-1, quality: low, size: 1024x1024, requests_per_month: 1000}\n",
        encoding="utf-8",
    )
    return path


def test_cli_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = write_jsonl(
        tmp_path / "more.jsonl", ["not json", response("medium", "1024x1024", model="gpt-image-1", image_out=1056)]
    )
    code = cli.main(["actuals", str(_plan(tmp_path)), "--usage", str(_hero_log(tmp_path)), "--usage", str(extra)])
    out = capsys.readouterr().out
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "responses.jsonl: Images API responses, 4 read" in lines
    assert "more.jsonl: Images API responses, 1 read, 1 could not be counted" in lines
    assert "more.jsonl, line 1: not JSON: expecting value at column 1" in lines
    assert 'Scenario "Hero images" (gpt-image-1/low/1024x1024); groups: gpt-image-1/low/1024x1024' in lines
    # Five calls now (the medium one at START too) over 3 h: 3 h x 5 / 4 = 13,500 s, a month is 192 times that:
    # 4 x 192 = 768 requests; $0.04452 x 192 = $8.54784, -$2.45216 against $11, -22.29%.
    assert "Logged calls: 2026-11-02 00:00 UTC to 2026-11-02 03:00 UTC (5 calls, counted as 3.8 hours)" in lines
    assert "requests per month 1,000 768 -23.2%" in lines
    assert "cost per delivered image $0.011 $0.01113" in lines
    assert "cost per month $11.00 $8.55 -$2.45 (-22.3%)" in lines
    assert "gpt-image-1/medium/1024x1024 1 1 $0.0422 0 no scenario plans it" in lines
    assert "gpt-image-1/low/1024x1024: matches the documented output-token table" in lines


def test_cli_json_has_exact_decimal_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["actuals", str(_plan(tmp_path)), "--usage", str(_hero_log(tmp_path)), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    (row,) = data["scenarios"]
    assert row["actual"]["cost"] == "0.04452"
    assert row["actual"]["cost_per_delivered_image"] == "0.01113"
    assert row["actual"]["sheet_price_per_image"] == "0.011"
    assert row["actual"]["cost_per_month"] == "8.0136"
    assert row["planned"]["cost_per_month"] == "11"
    assert row["difference"]["cost_per_month"] == "-2.9864"
    assert row["difference"]["cost_per_month_percent"].startswith("-27.14909090909")
    assert data["files"][0]["format"] == "Images API responses"
    assert data["tokens"][0]["output_tokens_per_image"]["median"] == "272"


def test_cli_assign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write_jsonl(tmp_path / "m.jsonl", [response("medium", "1024x1024", model="gpt-image-1", image_out=1056)])
    args = ["actuals", str(_plan(tmp_path)), "--usage", str(log), "--format", "json"]
    assert cli.main([*args, "--assign", "gpt-image-1/medium/1024x1024=Hero images"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["not_in_plan"] == [] and data["scenarios"][0]["groups"] == ["gpt-image-1/medium/1024x1024"]
    assert cli.main([*args, "--assign", "nothing=Hero images"]) == 2
    assert capsys.readouterr().err == (
        "error: --assign: no group 'nothing' in the usage read (groups: gpt-image-1/medium/1024x1024)\n"
    )


def test_cli_nothing_read_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert cli.main(["actuals", str(_plan(tmp_path)), "--usage", str(empty)]) == 2
    assert capsys.readouterr().err == "error: empty.jsonl: the file is empty\n"
    assert cli.main(["actuals", str(_plan(tmp_path)), "--usage", "/dev/zero"]) == 2
    assert capsys.readouterr().err == "error: zero: usage file is not a regular file (a device, pipe or socket)\n"


def test_nothing_in_the_scenario_file_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    cli.main(["actuals", str(plan), "--usage", str(_hero_log(tmp_path))])
    capsys.readouterr()
    assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "responses.jsonl"]


def test_a_list_of_pages_on_one_line_is_one_document(tmp_path: Path) -> None:
    page = usage_page([(START, START + DAY, [{"images": 2, "num_model_requests": 2, "model": "gpt-image-1"}])])
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([page, page]), encoding="utf-8")
    collected = read_usage([path], CATALOG)
    assert (collected.files[0].records, collected.usage[GroupKey("gpt-image-1", None, None)].requests) == (2, 4)


def test_with_the_usage_api_the_volume_is_its_and_the_cost_per_image_the_logs(tmp_path: Path) -> None:
    page = usage_page(
        [
            (
                START,
                START + DAY,
                [{"images": 120, "num_model_requests": 100, "model": "gpt-image-1", "size": "1024x1024"}],
            )
        ]
    )
    usage_file = tmp_path / "usage.json"
    usage_file.write_text(json.dumps(page), encoding="utf-8")
    row = reconcile(read_usage([_hero_log(tmp_path), usage_file], CATALOG), [HERO], CATALOG).rows[0]
    assert row.groups == ("gpt-image-1/low/1024x1024", "gpt-image-1/*/1024x1024")
    # 100 requests and 120 images in one day: 3,000 requests and 3,600 images a month;
    # at the logs' $0.01113 per image, 3,600 x $0.01113 = $40.068 a month.
    assert row.requests_per_month == 3000
    assert row.monthly == Decimal("40.068")
    assert row.basis == "volume from the Usage API, cost per image from the logged calls"


# --- calibrate ---------------------------------------------------------------------------------------------------


def test_calibrate_shows_was_and_now_and_applies_them(tmp_path: Path) -> None:
    row = reconcile(read_usage([_hero_log(tmp_path)], CATALOG), [HERO], CATALOG).rows[0]
    changes = calibration(row)
    assert [str(change) for change in changes] == ["requests per month: 1,000 -> 720", "prompt tokens: 0 -> 50"]
    after = calibrated(HERO, changes)
    assert (after.requests_per_month, after.prompt_tokens) == (720, 50)
    assert after.model_dump(exclude={"requests_per_month", "prompt_tokens"}) == HERO.model_dump(
        exclude={"requests_per_month", "prompt_tokens"}
    )


def test_calibrate_sets_retries_and_input_image_tokens(tmp_path: Path) -> None:
    request = {"model": "gpt-image-2", "quality": "high", "size": "1024x1536"}
    ok = response("high", "1024x1536", image_out=5488, image_in=1000, created=START)
    later = response("high", "1024x1536", image_out=5488, image_in=1000, created=START + 30 * DAY)
    failed = pair(request, None, error={"message": "server error"})
    collected = _read(tmp_path / "g2.jsonl", pair(request, ok), failed, pair(request, later))
    row = reconcile(collected, [COVERS], CATALOG).rows[0]
    # Two delivered calls 30 days apart count as 30 x 2 / 1 = 60 days: 1 request a month.
    # One failed call beside them: 3 attempts / 2 delivered = 1.5. 1,000 image-input tokens a call.
    assert [str(change) for change in calibration(row)] == [
        "requests per month: 200 -> 1",
        "retry multiplier: 1 -> 1.5",
        "input images: 0 -> 1",
        "tokens per input image: by the rule -> 1,000",
    ]
    after = calibrated(COVERS, calibration(row))
    assert (after.retry_multiplier, after.input_images, after.input_image_tokens) == (Decimal("1.5"), 1, 1000)


def test_staged_scenarios_are_not_calibrated(tmp_path: Path) -> None:
    staged = Scenario.model_validate(
        {
            **HERO.model_dump(exclude={"stages"}),
            "stages": [{"name": "only", "model": "gpt-image-1", "quality": "low", "size": "1024x1024"}],
        }
    )
    row = reconcile(read_usage([_hero_log(tmp_path)], CATALOG), [staged], CATALOG).rows[0]
    assert row.requests == 4
    assert calibration(row) == ()


def test_auto_in_a_request_is_what_the_response_chose(tmp_path: Path) -> None:
    inputs = write_jsonl(
        tmp_path / "in.jsonl", [batch_input(f"r{i}", "gpt-image-1", "auto", "1024x1024") for i in (1, 2)]
    )
    body = response("low", "1024x1024", image_out=272)
    outputs = write_jsonl(tmp_path / "out.jsonl", [batch_output("r1", body), batch_output("r2", None, status=500)])
    collected = read_usage([inputs, outputs], CATALOG)
    # The delivered call is grouped by the quality the response names; the failed one's quality is not known.
    assert sorted(key.label for key in collected.calls) == ["gpt-image-1/*/1024x1024", "gpt-image-1/low/1024x1024"]
    row = reconcile(collected, [HERO], CATALOG).rows[0]  # both fit the one gpt-image-1 1024x1024 scenario
    assert (row.requests, row.attempts) == (1, 2)


def test_a_file_of_bad_lines_is_given_up_on_after_a_thousand(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "noise.jsonl", [*["noise"] * 1000, GOOD])
    with pytest.raises(ImageCostError) as caught:
        read_usage([path], CATALOG)
    assert str(caught.value) == (
        "noise.jsonl, line 1: none of the first 1,000 lines is a JSON object (not JSON: expecting value at column 1)"
    )
    ok = write_jsonl(tmp_path / "late.jsonl", [*["noise"] * 999, GOOD])
    assert read_usage([ok], CATALOG).files[0].bad == 999


def test_progress_is_told_and_can_cancel(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [GOOD] * 600)
    size = path.stat().st_size
    seen: list[tuple[int, int]] = []
    read_usage([path], CATALOG, progress=lambda done, total: seen.append((done, total)) or True)
    # Every 256 lines (256 and 512 of 600), then the file's end.
    assert [total for _done, total in seen] == [size] * 3
    assert seen[0][0] < seen[1][0] < seen[2][0] == size
    with pytest.raises(ImportCancelled) as caught:
        read_usage([path], CATALOG, progress=lambda _done, _total: False)
    assert str(caught.value) == "the import was cancelled; nothing was read"


def test_a_2_gb_file_with_no_line_end_is_refused_at_its_first_megabyte(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        out.truncate(2 * 1024**3)  # 2 GB of zero bytes, sparse: no disk is used
    tracemalloc.start()
    try:
        with pytest.raises(ImageCostError) as caught:
            read_usage([path], CATALOG)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        "huge.jsonl, line 1: no line is a JSON object (the line is over 1,024 KB without its image data)"
    )
    assert peak < 4 * MAX_KEPT


def test_calibrate_leaves_input_tokens_the_sheet_already_gives(tmp_path: Path) -> None:
    # gpt-image-2's measured figure for a 1024x1024 input image is 1,024 tokens: the logs agree, nothing to set.
    edits = COVERS.updated(input_images=1, input_image_size="1024x1024")
    calls = [
        response("high", "1024x1536", model="gpt-image-2", image_out=5488, image_in=1024, created=START + i * DAY)
        for i in range(2)
    ]
    row = reconcile(_read(tmp_path / "e.jsonl", *calls), [edits], CATALOG).rows[0]
    assert row.target.input_image_tokens == 1024
    assert [change.field for change in calibration(row)] == ["requests_per_month"]


def test_cli_assign_must_be_group_equals_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["actuals", str(_plan(tmp_path)), "--usage", "x.jsonl", "--assign", "gpt-image-1/low/1024x1024"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.startswith(
        "error: argument --assign: 'gpt-image-1/low/1024x1024' is not GROUP=SCENARIO "
        "(e.g. gpt-image-1/low/1024x1024=Hero images)"
    )


def test_chart_bars_pair_planned_and_actual(tmp_path: Path) -> None:
    result = reconcile(read_usage([_hero_log(tmp_path)], CATALOG), [HERO, COVERS], CATALOG)
    # Covers has no actuals, so no bars; Hero images: $11.000 planned, $8.0136 actual (worked out above).
    assert chart_bars(result) == [
        ("Hero images: planned", Decimal("11.000")),
        ("Hero images: actual", Decimal("8.0136")),
    ]


# --- the quote carries the reconciliation ---------------------------------------------------------------------


def _quote(tmp_path: Path, *extra: str) -> list[str]:
    return ["quote", str(_plan(tmp_path)), "--usage", str(_hero_log(tmp_path)), *extra]


def test_quote_json_carries_the_actuals_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(_quote(tmp_path, "--format", "json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actuals"]["scenarios"][0]["actual"]["cost_per_month"] == "8.0136"
    assert cli.main(["quote", str(_plan(tmp_path)), "--format", "json"]) == 0
    assert "actuals" not in json.loads(capsys.readouterr().out)


def test_quote_markdown_and_html_have_the_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(_quote(tmp_path, "--format", "md")) == 0
    markdown = capsys.readouterr().out
    assert "## Plan against actual usage" in markdown
    assert "| Hero images | $11.00 | $8.01 | -$2.99 (-27.1%) |" in markdown
    assert markdown.index("## Plan against actual usage") < markdown.index("## Prices and sources")
    assert cli.main(_quote(tmp_path, "--format", "html")) == 0
    html = capsys.readouterr().out
    assert "<h2>Plan against actual usage</h2>" in html
    assert "<h3>Cost per 30-day month</h3>" in html
    section = html[html.index("<h2>Plan against actual usage</h2>") :]
    assert "<svg" in section and "Cost per month: planned vs actual" in section  # the chart, inline for browsers


def test_quote_csv_has_the_section_as_a_block_below_the_line_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    assert cli.main(_quote(tmp_path, "--format", "csv")) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    blank = rows.index([])  # the line items end here; a spreadsheet sums only them
    items = rows[1:blank]
    assert items and all(len(row) == len(rows[0]) for row in items)
    assert rows[blank + 1] == ["Plan against actual usage"]
    block = rows[blank + 1 :]
    # A text cell starting with '-' is kept from running as a formula, as every text cell of the CSV.
    assert ["Hero images", "$11.00", "$8.01", "'-$2.99 (-27.1%)"] in block
    assert cli.main(["quote", str(_plan(tmp_path)), "--format", "csv"]) == 0
    assert [] not in list(csv.reader(io.StringIO(capsys.readouterr().out)))  # no usage given: line items only


def test_quote_table_prints_the_reconciliation_after_the_estimates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(_quote(tmp_path)) == 0
    out = capsys.readouterr().out
    assert out.index("Hero images") < out.index("Usage read from 1 file:")


def test_quote_pdf_has_the_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    from pypdf import PdfReader

    pdf = tmp_path / "quote.pdf"
    assert cli.main(_quote(tmp_path, "-o", str(pdf))) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert re.search(r"Plan\s+against\s+actual\s+usage", text)
    assert "$8.01" in text
