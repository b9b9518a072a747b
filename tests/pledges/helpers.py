"""What the pledge tests share: the pledge URLs, and the page helpers every page test uses."""

from django.urls import reverse

from tests.pages import date_fields, text_of

__all__ = ["date_fields", "text_of", "url"]


def url(name, *args):
    return reverse(f"pledges:{name}", args=args)
