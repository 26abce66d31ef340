"""The one error family the app shows to people.

Every bad input ends in an :class:`ImageCostError` that says what is wrong,
where (file, line, field) and how to fix it, so the interfaces can print it
without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ImageCostError(ValueError):
    """A problem a user can fix: bad input, an unknown model, a broken file."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        hint: str | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.hint = hint
        self.path = Path(path) if path is not None else None
        self.line = line

    def where(self) -> str:
        """'file.yaml, line 4, field scenarios[0].model' (only the parts known)."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path.name)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field if self.field.startswith("--") else f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class UnknownModelError(ImageCostError):
    """The model id is not in any loaded price sheet."""


class InvalidOptionError(ImageCostError):
    """A quality, size or option the chosen model does not offer."""


class UnpricedError(ImageCostError):
    """The combination exists but has no price: never treated as $0."""


class ScenarioFileError(ImageCostError):
    """A scenario file that cannot be read or written."""


class SaveError(ScenarioFileError):
    """A save that could not happen (disk full, read-only folder); the old file is intact."""


class PriceSheetError(ImageCostError):
    """A price sheet that does not validate."""


@contextmanager
def reported_as(kind: type[ImageCostError]) -> Iterator[None]:
    """Report any ImageCostError raised inside as KIND (e.g. a YAML error in a scenario file as a
    ScenarioFileError), keeping its message, file, line and hint; one of KIND already passes as it is."""
    try:
        yield
    except ImageCostError as exc:
        if isinstance(exc, kind):
            raise
        raise kind(exc.message, path=exc.path, line=exc.line, hint=exc.hint) from None
