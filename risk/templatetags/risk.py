"""{% risk_band band %}: a risk band as its status tag, or "Not assessed" for a post not scored."""

from django import template
from django.utils.html import format_html

from core.templatetags.status import STATUS_TAGS, render_status_tag

register = template.Library()


@register.simple_tag
def risk_band(band):
    if band not in STATUS_TAGS["risk"]:
        return format_html('<span class="nhsuk-u-secondary-text-colour">{}</span>', "Not assessed")
    return render_status_tag("risk", band)
