"""The notices an HR director is shown on their home page: people their organisation is told
are appointed elsewhere, until the leaving is recorded."""

from django import template

from succession.selectors import departure_notices_for

register = template.Library()


@register.inclusion_tag("succession/departure_notices.html", takes_context=True)
def departure_notices(context):
    return {"notices": departure_notices_for(context["request"].user)}
