"""What every API view that writes shares: a service's business-rule errors become 400 JSON keyed
by field, and an edit conflict becomes 409 JSON saying what the other person changed."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .editing import EditConflict
from .history import HistoryEntry
from .middleware import JSON_REQUIRED
from .validators import limit_serializer_text

CONFLICT_MESSAGE = (
    "Someone else changed this while you were editing it. Your changes have not been saved: "
    "check what they changed, then send them again with the current version if they should "
    "still apply."
)


def api_validation_error(error: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as DRF's, keyed by field like a serializer's own errors."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name: messages
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})


class _BlankIsNull:
    """A read-only field whose unset value ('' or None) is answered as null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return None if value in ("", None) else super().to_representation(value)


class OptionalChoiceField(_BlankIsNull, serializers.ChoiceField):
    """A choice that may be unset, answered as null (never as '', which is not in its enum)."""


class OptionalEmailField(_BlankIsNull, serializers.EmailField):
    """An email address that may be unset, answered as null (never as '', which is no address)."""


class ChangeSerializer(serializers.Serializer):
    when = serializers.DateTimeField(allow_null=True)
    who = serializers.CharField(allow_null=True)
    text = serializers.CharField()


class ConflictSerializer(serializers.Serializer):
    """The 409 answer to a write that started from an old version."""

    detail = serializers.CharField()
    current_version = serializers.IntegerField(
        help_text="Send this version to save your change over theirs."
    )
    changes = ChangeSerializer(many=True, help_text="What others changed, newest first.")


def conflict_response(conflict: EditConflict) -> Response:
    changes = [
        {"when": change.when, "who": change.who, "text": change.text}
        if isinstance(change, HistoryEntry)
        else {"when": None, "who": None, "text": str(change)}
        for change in conflict.changes
    ]
    data = ConflictSerializer(
        {
            "detail": CONFLICT_MESSAGE,
            "current_version": conflict.current_version,
            "changes": changes,
        }
    ).data
    return Response(data, status=status.HTTP_409_CONFLICT)


class ServiceWritesMixin:
    """For viewsets that write through services: what the client sent is checked for shape by a
    serializer, and the services' errors are answered as JSON rather than as a server error."""

    def validated_input(
        self, serializer_class, *, data=None, partial: bool = False, always_required=()
    ) -> dict:
        """The request's data checked by `serializer_class`; 400 if it does not fit. A partial
        update (PATCH) may leave fields out, but never those in `always_required` (the version)."""
        serializer = serializer_class(
            data=self.request.data if data is None else data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        limit_serializer_text(serializer)
        serializer.is_valid(raise_exception=True)
        missing = [name for name in always_required if name not in serializer.validated_data]
        if missing:
            raise ValidationError({name: ["This field is required."] for name in missing})
        return dict(serializer.validated_data)

    def handle_exception(self, exc):
        if isinstance(exc, EditConflict):
            return conflict_response(exc)
        if isinstance(exc, DjangoValidationError):
            exc = api_validation_error(exc)
        return super().handle_exception(exc)


CONFLICT_RESPONSE = OpenApiResponse(
    ConflictSerializer, description="Someone else saved first: nothing was saved."
)


def version_field(of: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        help_text=f"The {of}'s version when you read it. If someone saved it since, nothing is "
        "saved and the answer is 409 with what they changed.",
    )


def exception_handler(exc, context):
    """DRF's handler, with a 415 that says what to send instead of what was sent."""
    if isinstance(exc, UnsupportedMediaType):
        exc = UnsupportedMediaType(exc.detail, detail=JSON_REQUIRED)
    return drf_exception_handler(exc, context)


def for_schema(serializer: serializers.BaseSerializer) -> bool:
    """Whether drf-spectacular is describing the serializer rather than a request using it."""
    view = serializer.context.get("view")
    return bool(getattr(view, "swagger_fake_view", False))


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, with answers whose fields change with the caller's role told truly: a
    serializer's `Meta.fields_for_some_roles` are in the schema for everyone, but not required,
    since the roles that may not see them get answers without them (ADR 0020)."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        some = getattr(getattr(serializer, "Meta", None), "fields_for_some_roles", ())
        if some and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in some]
            if not schema["required"]:
                del schema["required"]
        return schema
