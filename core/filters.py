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
