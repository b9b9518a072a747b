"""What the pledge tests share: reading a page as a user does, and filling NHS.UK date inputs."""

import datetime as dt
import html as html_lib
import re

from django.urls import reverse


def text_of(response) -> str:
    """The page as a user reads it: tags stripped, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def date_fields(name: str, day: dt.date | None) -> dict:
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def url(name, *args):
    return reverse(f"pledges:{name}", args=args)
