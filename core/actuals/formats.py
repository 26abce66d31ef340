"""The four input formats as pydantic models, and telling them apart by content.

Field names follow the OpenAI Python SDK's types (``ImagesResponse`` and its
``Usage``, the image-generation stream events, the Batch API's request and
response lines, the Usage and Costs API pages). Keys the app does not use are
ignored, so a newer API that adds fields still reads; the fields it does use
are checked, token counts strictly (whole numbers, not negative, not absurd).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

#: No single call is billed anything near this many tokens (a 3840x2160 high image is ~25,000);
#: a count over it is a corrupt line, not usage.
MAX_TOKENS = 10_000_000
#: Images in one response: the API returns at most 10.
MAX_IMAGES = 10


class Format(Enum):
    """What a file holds; the value is how the importer names it."""

    RESPONSES = "Images API responses"
    BATCH_INPUT = "Batch API input file"
    BATCH_OUTPUT = "Batch API output file"
    USAGE = "Usage API export (organization/usage/images)"
    COSTS = "Costs API export (organization/costs)"


def _tokens(value: object) -> object:
    # bool is an int in Python, and JSON's 272.0 arrives as a Decimal: neither is a token count.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected a whole number of tokens")
    if value < 0:
        raise ValueError("a negative token count")
    if value > MAX_TOKENS:
        raise ValueError(f"an absurd token count (over {MAX_TOKENS:,})")
    return value


def _count(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("expected a whole number, 0 or more")
    return value


Tokens = Annotated[int, BeforeValidator(_tokens)]
Count = Annotated[int, BeforeValidator(_count)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class InputTokensDetails(_Model):
    text_tokens: Tokens = 0
    image_tokens: Tokens = 0


class OutputTokensDetails(_Model):
    text_tokens: Tokens = 0
    image_tokens: Tokens = 0


class ImageUsage(_Model):
    """``usage`` of an image response (GPT Image models only)."""

    input_tokens: Tokens
    input_tokens_details: InputTokensDetails | None = None
    output_tokens: Tokens
    total_tokens: Tokens | None = None
    output_tokens_details: OutputTokensDetails | None = None

    @property
    def text_in(self) -> int:
        details = self.input_tokens_details
        return details.text_tokens if details is not None else self.input_tokens

    @property
    def image_in(self) -> int:
        return self.input_tokens_details.image_tokens if self.input_tokens_details is not None else 0

    @property
    def image_out(self) -> int:
        details = self.output_tokens_details
        return details.image_tokens if details is not None else self.output_tokens

    @property
    def text_out(self) -> int:
        return self.output_tokens_details.text_tokens if self.output_tokens_details is not None else 0


class ImageData(_Model):
    """One image of ``data``; its ``b64_json`` was emptied before the line was parsed."""

    url: str | None = None
    revised_prompt: str | None = None


class ImagesResponse(_Model):
    """A response of /v1/images/generations or /edits, or an ``image_generation.completed`` event.

    ``model`` is not part of the API's response: people who log responses add it
    beside them (a top-level key), or log the request with it.
    """

    model: str | None = None
    created: int | None = None
    created_at: int | None = None  # the stream events' name for it
    type: str | None = None
    data: Annotated[list[ImageData], Field(max_length=MAX_IMAGES)] | None = None
    quality: str | None = None
    size: str | None = None
    output_format: str | None = None
    usage: ImageUsage | None = None
    error: Any = None

    @property
    def timestamp(self) -> int | None:
        return self.created if self.created is not None else self.created_at


def _not_auto(value: object) -> object:
    # 'auto' lets the API choose: the response says what it chose, the request does not.
    return None if value == "auto" else value


class ImageRequest(_Model):
    """The request parameters the importer needs: which model, quality, size and how many."""

    model: str | None = None
    quality: Annotated[str | None, BeforeValidator(_not_auto)] = None
    size: Annotated[str | None, BeforeValidator(_not_auto)] = None
    n: Annotated[int, Field(ge=1, le=MAX_IMAGES)] | None = None


class ResponsePair(_Model):
    """``{"request": {...}, "response": {...}}``: a call logged with its request."""

    request: ImageRequest
    response: ImagesResponse | None = None
    error: Any = None


class BatchInputLine(_Model):
    custom_id: str = Field(min_length=1)
    method: str
    url: str
    body: ImageRequest


class BatchResponse(_Model):
    status_code: int
    request_id: str | None = None
    body: Any = None


class BatchOutputLine(_Model):
    id: str | None = None
    custom_id: str = Field(min_length=1)
    response: BatchResponse | None = None
    error: Any = None


class UsageResult(_Model):
    object: str | None = None
    images: Count
    num_model_requests: Count
    model: str | None = None
    size: str | None = None
    source: str | None = None
    project_id: str | None = None


class CostAmount(_Model):
    value: Annotated[Decimal, Field(allow_inf_nan=False)]
    currency: str = "usd"


class CostResult(_Model):
    object: str | None = None
    amount: CostAmount
    line_item: str | None = None
    project_id: str | None = None


class UsageBucket(_Model):
    start_time: int
    end_time: int
    results: list[UsageResult]


class CostsBucket(_Model):
    start_time: int
    end_time: int
    results: list[CostResult]


class UsagePage(_Model):
    object: str | None = None
    data: list[UsageBucket]


class CostsPage(_Model):
    object: str | None = None
    data: list[CostsBucket]


USAGE_RESULT = "organization.usage.images.result"
COSTS_RESULT = "organization.costs.result"
COMPLETED_EVENTS = frozenset({"image_generation.completed", "image_edit.completed"})
PARTIAL_EVENTS = frozenset({"image_generation.partial_image", "image_edit.partial_image"})


def _page_kind(data: object) -> Format | None:
    """USAGE or COSTS from a page's first result; None for a page with no results."""
    if not isinstance(data, list):
        return None
    for bucket in data:
        results = bucket.get("results") if isinstance(bucket, dict) else None
        for result in results if isinstance(results, list) else ():
            if not isinstance(result, dict):
                continue
            if result.get("object") == USAGE_RESULT or "num_model_requests" in result:
                return Format.USAGE
            if result.get("object") == COSTS_RESULT or "amount" in result:
                return Format.COSTS
    return None


#: A page whose buckets hold no results: it says nothing of which API it came from.
EMPTY_PAGE = "empty page"


def classify(record: dict[str, Any]) -> Format | str | None:
    """Which format a JSON object belongs to, by its keys; EMPTY_PAGE; or None if none."""
    if "custom_id" in record:
        if "body" in record and ("method" in record or "url" in record):
            return Format.BATCH_INPUT
        if "response" in record or "error" in record:
            return Format.BATCH_OUTPUT
        return None
    if "request" in record and ("response" in record or "error" in record):
        return Format.RESPONSES
    if record.get("object") == "page" or (
        isinstance(record.get("data"), list)
        and record["data"]
        and isinstance(record["data"][0], dict)
        and "results" in record["data"][0]
    ):
        return _page_kind(record.get("data")) or EMPTY_PAGE
    if "usage" in record or record.get("type") in COMPLETED_EVENTS | PARTIAL_EVENTS:
        return Format.RESPONSES
    if "created" in record or "created_at" in record:
        return Format.RESPONSES
    if "error" in record and "model" in record:
        return Format.RESPONSES
    return None
