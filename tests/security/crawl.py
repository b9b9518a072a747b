"""A small crawler for the security tests: every page, API response and export a signed-in user
can reach by following the service's own links (and the API's), as the text a person or a
program would read."""

from __future__ import annotations

import io
import json
import re
from collections import deque
from dataclasses import dataclass
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from tests.access_matrix_probe import url_patterns

HREF = re.compile(r"""\b(?:href|action|hx-get)\s*=\s*["']([^"']+)["']""", re.I)
# Never followed: signing out would end the crawl, the admin needs a second factor (tested
# apart) and static files hold no data.
SKIPPED_PREFIXES = ("/accounts/sign-out", "/admin/", "/static/", "/favicon.ico")
# Sorting, filtering and paging links multiply: a few variants of each path are enough to see
# what the path shows.
VARIANTS_PER_PATH = 6


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    text: str


def as_text(response) -> str:
    """What the response says, whatever its format (HTML, JSON, CSV, XLSX)."""
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            "" if value is None else str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        ]
        return "\n".join(cells)
    return content.decode("utf-8", errors="replace")


def _links(page: Page) -> list[str]:
    if "json" in page.content_type:
        try:
            data = json.loads(page.text)
        except ValueError:
            return []
        found: list[str] = []

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str) and value.startswith("http://testserver/api/"):
                found.append(value.removeprefix("http://testserver"))

        walk(data)
        return found
    if "html" not in page.content_type:
        return []
    return [unescape(link) for link in HREF.findall(page.text)]


def _local(url: str, base: str) -> str | None:
    """The address of a link on this service (path and query), or None for anything else."""
    parts = urlsplit(urldefrag(urljoin(f"http://testserver{base}", url))[0])
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def parameterless_urls() -> list[str]:
    """Every URL pattern that needs no argument: the crawl's starting points."""
    urls = []
    for name, pattern in url_patterns():
        if pattern.pattern.converters:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if not url.startswith(SKIPPED_PREFIXES):
            urls.append(url)
    return urls


def crawl(client, seeds, *, limit: int = 600) -> dict[str, Page]:
    """GET every seed and every local link reachable from them (HTML links, form actions and
    the API's own addresses), at most `limit` addresses; a few variants of each path's query."""
    queue = deque(dict.fromkeys(seeds))
    seen = set(queue)
    seeded = set(queue)
    per_path: dict[str, int] = {}
    pages: dict[str, Page] = {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        path = url.split("?", 1)[0]
        if "?" in url and url not in seeded:
            per_path[path] = per_path.get(path, 0) + 1
            if per_path[path] > VARIANTS_PER_PATH:
                continue
        response = client.get(url, HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")
        page = Page(
            url=url,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            text=as_text(response),
        )
        pages[url] = page
        if response.status_code != 200:
            continue
        for link in _links(page):
            local = _local(link, url)
            if local and local not in seen:
                seen.add(local)
                queue.append(local)
    return pages
