"""The words the figures are named with, each defined once: the window, every quote format, the command
line, the Help menu's glossary and the user guide all use these.

People misread a figure when two places name it differently ("Per image" in the window, "per
delivered image" in the quote). Every term says what the engine (``core.pricing.engine``) counts:
a *request* is one call the person plans, an *attempt* is a call as made (retries included) and
is what text and input images are paid per, a *generated image* is what the API bills and the
rate limit counts, a *delivered image* is what the person keeps and every per-image figure is per.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Term:
    """One word of the vocabulary and what it means, in a sentence or two a new user can follow."""

    word: str
    meaning: str


REQUEST = Term(
    "request",
    "One call to the image API that your application plans to make, asking for the scenario's images per "
    "request. The volume counts requests; retries are not counted here.",
)
ATTEMPT = Term(
    "attempt",
    "One call as it is really made: a request or one of its retries (attempts = requests x retry multiplier). "
    "The prompt tokens, the text output and the input images are paid per attempt.",
)
GENERATED_IMAGE = Term(
    "generated image",
    "One image the API makes and bills, the ones thrown away with a retry included (attempts x images per "
    "request). Image output is paid per generated image, and the rate limit counts generated images.",
)
DELIVERED_IMAGE = Term(
    "delivered image",
    "An image you keep (requests x images per request). The per-image figures are per delivered image: "
    "the month's cost, retries and text included, over the images delivered.",
)
FINAL_IMAGE = Term(
    "final image",
    "In a scenario with draft-then-final stages, the delivered images are the last stage's: the cost per "
    "final image includes every stage.",
)
RETRY_MULTIPLIER = Term(
    "retry multiplier",
    "Attempts per request: 1.3 means 30 retries for every 100 requests.",
)
PUBLISHED_PRICE = Term(
    "published price",
    "The per-image price on OpenAI's pricing page; it is what is charged. Where the output tokens are "
    "documented, the token-exact figure (tokens x the image-output rate) is shown beside it.",
)
UPPER_BOUND = Term(
    "upper bound",
    "With quality or size auto the model chooses; the figures are then the dearest choice it could make, "
    "marked as an upper bound, with the cheapest beside them.",
)
UNCONFIRMED = Term(
    "unconfirmed",
    "A price or rule the sources do not confirm (marked *); the figure is shown, but check it before you "
    "rely on it.",
)

#: The glossary in reading order: the four counts first, then the words about prices.
GLOSSARY: tuple[Term, ...] = (
    REQUEST,
    ATTEMPT,
    GENERATED_IMAGE,
    DELIVERED_IMAGE,
    FINAL_IMAGE,
    RETRY_MULTIPLIER,
    PUBLISHED_PRICE,
    UPPER_BOUND,
    UNCONFIRMED,
)

#: The figure labels, one wording everywhere.
PER_DELIVERED_IMAGE = "Per delivered image"
PER_FINAL_IMAGE = "Per final image"
PER_GENERATED_IMAGE = "Per generated image"
#: What the cost per generated image holds, said beside it: the cost per attempt only where an attempt makes one image.
GENERATED_IMAGE_NOTE = "with its share of the attempt's text and input images"


def per_image_label(staged: bool) -> str:
    """'Per final image' for a staged scenario (every stage included), else 'Per delivered image'."""
    return PER_FINAL_IMAGE if staged else PER_DELIVERED_IMAGE


def delivered_images_label(staged: bool) -> str:
    """'Final images a month' for a staged scenario, else 'Delivered images a month'."""
    return "Final images a month" if staged else "Delivered images a month"


def glossary_html() -> str:
    """The glossary as an HTML definition list, every word escaped (the user guide holds this list)."""
    items = "\n".join(f"<dt><b>{escape(t.word)}</b></dt>\n<dd>{escape(t.meaning)}</dd>" for t in GLOSSARY)
    return f"<dl>\n{items}\n</dl>"


def glossary_text() -> str:
    """The glossary as plain text, one term to a paragraph (the Help menu's Glossary shows this)."""
    return "\n\n".join(f"{term.word[:1].upper()}{term.word[1:]}: {term.meaning}" for term in GLOSSARY)
