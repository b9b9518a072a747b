"""What the pledge tests share: the pledge URLs. Reading pages and filling dates: tests/pages.py."""

from django.urls import reverse


def url(name, *args):
    return reverse(f"pledges:{name}", args=args)
