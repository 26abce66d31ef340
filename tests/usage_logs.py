"""Synthetic usage logs for the tests: made-up calls in the shapes the OpenAI API writes.

Nothing here is real traffic. The records follow the OpenAI Python SDK's types
(``ImagesResponse`` with ``usage``, Batch API request and response lines, Usage
and Costs API pages); the token counts are whatever a test asks for, so the
expected costs can be worked out by hand from the price sheets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: 2026-11-02 00:00 UTC: the synthetic logs start here.
START = 1_793_577_600
HOUR = 3600
DAY = 24 * HOUR


def usage(*, text_in: int = 0, image_in: int = 0, image_out: int, text_out: int | None = None) -> dict[str, Any]:
    """A ``usage`` object: input split into text and image tokens, output into image (and text) tokens."""
    data: dict[str, Any] = {
        "input_tokens": text_in + image_in,
        "input_tokens_details": {"text_tokens": text_in, "image_tokens": image_in},
        "output_tokens": image_out + (text_out or 0),
        "total_tokens": text_in + image_in + image_out + (text_out or 0),
    }
    if text_out is not None:
        data["output_tokens_details"] = {"image_tokens": image_out, "text_tokens": text_out}
    return data


def response(
    quality: str,
    size: str,
    *,
    image_out: int,
    text_in: int = 0,
    image_in: int = 0,
    images: int = 1,
    created: int = START,
    b64_bytes: int = 16,
    model: str | None = None,
) -> dict[str, Any]:
    """An ImagesResponse as the SDK returns it (``model`` added beside it, as people log it)."""
    record: dict[str, Any] = {}
    if model is not None:
        record["model"] = model
    record.update(
        created=created,
        background="opaque",
        data=[{"b64_json": "A" * b64_bytes} for _ in range(images)],
        output_format="png",
        quality=quality,
        size=size,
        usage=usage(text_in=text_in, image_in=image_in, image_out=image_out * images),
    )
    return record


def pair(request: dict[str, Any], answer: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """``{"request": ..., "response": ...}``: a call logged with its request."""
    return {"request": request, "response": answer, **extra}


def batch_input(custom_id: str, model: str, quality: str, size: str, n: int = 1) -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": "/v1/images/generations",
        "body": {"model": model, "prompt": "a synthetic prompt", "quality": quality, "size": size, "n": n},
    }


def batch_output(custom_id: str, body: dict[str, Any] | None, *, status: int = 200) -> dict[str, Any]:
    if status != 200:
        body = {"error": {"message": "synthetic failure", "type": "server_error"}}
    return {
        "id": f"batch_req_{custom_id}",
        "custom_id": custom_id,
        "response": {"status_code": status, "request_id": f"req_{custom_id}", "body": body},
        "error": None,
    }


def usage_page(buckets: Iterable[tuple[int, int, list[dict[str, Any]]]]) -> dict[str, Any]:
    """A page of GET /v1/organization/usage/images."""
    return {
        "object": "page",
        "data": [
            {
                "object": "bucket",
                "start_time": start,
                "end_time": end,
                "results": [{"object": "organization.usage.images.result", **r} for r in results],
            }
            for start, end, results in buckets
        ],
        "has_more": False,
        "next_page": None,
    }


def costs_page(buckets: Iterable[tuple[int, int, list[tuple[str, str | None]]]]) -> str:
    """A page of GET /v1/organization/costs as JSON text: amounts written as JSON numbers, as the API does."""
    data = []
    for start, end, results in buckets:
        items = ", ".join(
            f'{{"object": "organization.costs.result", "amount": {{"value": {value}, "currency": "usd"}}, '
            f'"line_item": {json.dumps(item)}, "project_id": null}}'
            for value, item in results
        )
        data.append(f'{{"object": "bucket", "start_time": {start}, "end_time": {end}, "results": [{items}]}}')
    return '{"object": "page", "data": [' + ", ".join(data) + '], "has_more": false, "next_page": null}'


def write_jsonl(path: Path, records: Iterable[dict[str, Any] | str]) -> Path:
    """One record per line; a str is written as it is (for broken lines)."""
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
    return path


def write_big_log(path: Path, lines: int, *, b64_bytes: int, every: int = 4) -> Path:
    """LINES response lines, one in EVERY carrying B64_BYTES of base64 image data; the data is written once per
    line from one shared string, so writing stays cheap."""
    small = json.dumps(response("low", "1024x1024", model="gpt-image-1", image_out=272, text_in=20))
    big_head, big_tail = json.dumps(
        response("low", "1024x1024", model="gpt-image-1", image_out=272, text_in=20, b64_bytes=1)
    ).split('"A"')
    blob = "A" * b64_bytes
    with path.open("w", encoding="ascii") as out:
        for index in range(lines):
            if index % every == 0:
                out.write(f'{big_head}"{blob}"{big_tail}\n')
            else:
                out.write(small + "\n")
    return path
