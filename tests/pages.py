"""What page tests share: reading a page as a user reads it, and filling NHS.UK date inputs."""

import datetime as dt
import html
import re


def text_of(response) -> str:
    """The page as a user reads it: scripts and tags dropped, entities decoded, spaces squeezed.

    Names such as O'Neill come back as O&#x27;Neill in the HTML; comparing against the decoded
    text keeps a test from failing on whatever name the factory happened to pick.
    """
    markup = response.content.decode()
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def date_fields(name: str, day: dt.date | None) -> dict:
    """The day, month and year inputs of an NHS.UK date field; None leaves all three blank."""
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}
