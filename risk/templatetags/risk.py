"""{% risk_band band %}: a risk band as a tag with its word, so colour is never the only meaning.

A tag rather than an included template: the at-risk table and a post's score history show one per
row, and an include per row is most of the cost of rendering them."""

from django import template
from django.utils.html import format_html

register = template.Library()

BANDS = {
    "high": ("nhsuk-tag--red", "High"),
    "medium": ("nhsuk-tag--orange", "Medium"),
    "low": ("nhsuk-tag--green", "Low"),
}


@register.simple_tag
def risk_band(band):
    if band not in BANDS:
        return format_html('<span class="nhsuk-u-secondary-text-colour">{}</span>', "Not assessed")
    css, word = BANDS[band]
    return format_html(
        '<strong class="nhsuk-tag {}">{}<span class="nhsuk-u-visually-hidden"> risk</span></strong>',
        css,
        word,
    )
