"""{% list_cap shown total "people" "add a surname or organisation" %}: the message every list
that stops early shows (components/list_cap.html), saying how many it shows, of how many, and
how to narrow it. Nothing when the list is whole."""

from django import template

register = template.Library()


@register.inclusion_tag("components/list_cap.html")
def list_cap(shown: int, total: int, noun: str, hint: str = ""):
    return {"capped": total > shown, "shown": shown, "total": total, "noun": noun, "hint": hint}
