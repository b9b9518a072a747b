"""Checks every piece of free text passes, wherever it comes from: forms, the API and imports.

PostgreSQL refuses a NUL character at the driver (a server error), SQLite stores it, and no
person types any other C0 control character: so text is refused before it reaches either, with
a message that names the field. Multi-line text may hold tabs and line breaks; nothing else.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible

# Free text with no limit of its own (a TextField, a notes box) is limited to this.
TEXT_MAX_LENGTH = 2000

# C0 controls and DEL. Tab, line feed and carriage return are allowed in multi-line text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_EXCEPT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    pattern = _CONTROL_EXCEPT_LINE_BREAKS if multiline else _CONTROL
    return bool(pattern.search(value))


def control_characters_message(label: str) -> str:
    return f"{_sentence_start(label)} must not contain control characters"


def max_length_message(label: str, limit: int) -> str:
    return f"{_sentence_start(label)} must be {limit:,} characters or fewer"


def _sentence_start(label: str) -> str:
    label = str(label).strip().removesuffix("(optional)").strip()
    return label[:1].upper() + label[1:]


@deconstructible
class ControlCharactersValidator:
    """Refuses NUL and the other C0 control characters (and DEL): "Notes must not contain
    control characters". multiline=True lets tabs and line breaks through."""

    code = "control_characters"

    def __init__(self, label: str = "The text", *, multiline: bool = False):
        self.label = label
        self.multiline = multiline

    def __call__(self, value) -> None:
        if isinstance(value, str) and has_control_characters(value, multiline=self.multiline):
            raise ValidationError(control_characters_message(self.label), code=self.code)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, ControlCharactersValidator)
            and self.label == other.label
            and self.multiline == other.multiline
        )


def limit_serializer_text(serializer) -> None:
    """The API's side of the forms' TextLimitsMixin: every writable text field of a DRF
    serializer (nested ones and list items too) gets a length limit, TEXT_MAX_LENGTH unless it
    has its own, and refuses control characters, with messages that name the field."""
    from rest_framework import serializers

    def walk(field) -> None:
        if isinstance(field, serializers.BaseSerializer):
            child = getattr(field, "child", None)
            if child is not None:  # many=True
                walk(child)
            else:
                for nested in field.fields.values():
                    walk(nested)
        elif isinstance(field, (serializers.ListField, serializers.DictField)):
            walk(field.child)
        elif isinstance(field, serializers.CharField) and not field.read_only:
            _limit_api_text(field)

    walk(serializer)


def _limit_api_text(field) -> None:
    label = str(field.label or field.field_name or "The text")
    # A TextField's field (ModelSerializer marks it as a textarea) or text with no limit of its
    # own is multi-line; a field limited to a few hundred characters is a single line.
    multiline = (
        field.style.get("base_template") == "textarea.html"
        or field.max_length is None
        or field.max_length > 255
    )
    limit = field.max_length or TEXT_MAX_LENGTH
    field.max_length = limit
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(
            validator,
            (MaxLengthValidator, ProhibitNullCharactersValidator, ControlCharactersValidator),
        )
    ] + [
        MaxLengthValidator(limit, message=max_length_message(label, limit)),
        ControlCharactersValidator(label, multiline=multiline),
    ]
