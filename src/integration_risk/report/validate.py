"""Turn pydantic validation errors into short lines a model can act on.

Each problem names the field by JSON path (`integrations[0].criticality.score`),
says what is wrong and, where it can, the allowed values: the literal choices,
the numeric range, the string format, or the field names of the object.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from integration_risk.errors import InvalidInput
from integration_risk.models.delivery import ValidationProblem
from integration_risk.models.report_common import LOCATION_PATTERN

MAX_PROBLEMS = 25
M = TypeVar("M", bound=BaseModel)


class DocumentInvalid(InvalidInput):
    """A report or analysis does not match its schema; carries every problem."""

    def __init__(self, what: str, problems: list[ValidationProblem], total: int) -> None:
        lines = "".join(f"\n- {p.line()}" for p in problems)
        more = f"\n- and {total - len(problems)} more" if total > len(problems) else ""
        super().__init__(
            f"{what} is invalid, {total} problem{'s' * (total != 1)} (fix them and call again "
            f"with the whole document):{lines}{more}"
        )
        self.problems = problems


def json_path(loc: Sequence[int | str]) -> str:
    """('integrations', 0, 'name') -> 'integrations[0].name'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    """Model classes inside an annotation (through Optional, list, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_classes(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict) or origin is not None:
        for arg in typing.get_args(annotation):
            found += _model_classes(arg)
    return found


def _model_at(root: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class owning the object at `loc` (None when it cannot be followed)."""
    current: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        classes = _model_classes(field.annotation)
        current = classes[0] if classes else None
    return current


def _allowed(error: Any, root: type[BaseModel]) -> str | None:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return str(ctx.get("expected", "")).replace("'", "") or None
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        field = _field_of(root, error["loc"])
        if field is not None:
            low = _bound(field, "ge")
            high = _bound(field, "le")
            if low is not None and high is not None:
                return f"{low}-{high}"
        return None
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == LOCATION_PATTERN:
            return "'path:line' or 'path:first-last', e.g. 'src/app.py:42'"
        return f"text matching {ctx.get('pattern')}"
    if kind == "extra_forbidden":
        owner = _model_at(root, error["loc"][:-1])
        if owner is not None:
            return ", ".join(owner.model_fields)
    if kind == "missing":
        return None
    if kind == "string_too_short":
        return "non-empty text"
    return None


def _field_of(root: type[BaseModel], loc: Sequence[int | str]) -> Any:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return None
    owner = _model_at(root, loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))])
    return owner.model_fields.get(names[-1]) if owner is not None else None


def _bound(field: Any, name: Literal["ge", "le"]) -> Any:
    for item in field.metadata:
        value = getattr(item, name, None)
        if value is not None:
            return value
    return None


_SHORT = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "literal_error": "invalid value",
    "string_pattern_mismatch": "wrong format",
    "string_too_short": "must not be empty",
    "greater_than_equal": "out of range",
    "less_than_equal": "out of range",
    "too_short": "too few items",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "list_type": "must be a list",
    "string_type": "must be text",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
}


def _message(error: Any) -> str:
    kind = error["type"]
    text = _SHORT.get(kind) or str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if kind not in ("missing", "extra_forbidden") and not isinstance(value, dict | list):
        shown = repr(value)
        if len(shown) <= 40:
            text += f" (got {shown})"
    return text


def problems_of(exc: ValidationError, model: type[BaseModel]) -> list[ValidationProblem]:
    """One problem per pydantic error, in document order."""
    return [
        ValidationProblem(
            path=json_path(error["loc"]), problem=_message(error), allowed=_allowed(error, model)
        )
        for error in exc.errors()
    ]


def parse_document(model: type[M], document: object, what: str) -> M:
    """Validate `document` as `model`, or raise `DocumentInvalid` listing each bad field."""
    if isinstance(document, model):
        return document
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        problems = problems_of(exc, model)
        raise DocumentInvalid(what, problems[:MAX_PROBLEMS], len(problems)) from None
