"""Query-string filters shared by the API's lists."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

# The largest id a BigAutoField holds (DEFAULT_AUTO_FIELD): a bigger number is no one's id, and
# the database refuses to compare a column with it.
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number from 1 to MAX_ID. Anything else is a 400 saying so, never
    a server error (a decimal, or a number too large for the database, used to be one)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value above is the limit


TRUE = frozenset({"true", "1"})
FALSE = frozenset({"false", "0"})


class StrictBooleanField(forms.NullBooleanField):
    """true or false (1 or 0), or nothing; anything else is an error, never "no filter"."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise forms.ValidationError("Give true or false.", code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    """django-filter's BooleanFilter reads any value it does not know (`?current=maybe`) as no
    filter at all, so the answer silently ignores the question; this one is a 400 saying so."""

    field_class = StrictBooleanField
