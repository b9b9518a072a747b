"""The API's JSON parser: DRF's, refusing a body nested too deeply before Python's json module
recurses into it (5,000 levels of [ would otherwise end in RecursionError, a server error), and
a body larger than a form may send (DRF reads the stream itself, past Django's own check)."""

from __future__ import annotations

import io
import re

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from .limits import body_too_large_message

# Strings first (their brackets are text), then what is left of the brackets.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_OPENING = frozenset(b"[{")


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the JSON in `body` nests objects and lists more than `limit` deep. Counts over
    the bytes, without parsing or recursing, and stops at the first level too many."""
    if body.count(b"[") + body.count(b"{") <= limit:  # most bodies: no need to look closer
        return False
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", body)):
        if match.group()[0] in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def too_deep_message(limit: int) -> str:
    return f"The JSON is nested too deeply: objects and lists may go at most {limit} levels deep."


class JSONParser(parsers.JSONParser):
    """JSON, at most API_JSON_MAX_DEPTH levels of objects and lists deep and
    DATA_UPLOAD_MAX_MEMORY_SIZE long (400 otherwise)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_JSON_MAX_DEPTH
        most = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(most + 1)
        if len(body) > most:
            raise ParseError(body_too_large_message())
        if json_depth_exceeds(body, limit):
            raise ParseError(too_deep_message(limit))
        try:
            return super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:  # never a server error, whatever the count let through
            raise ParseError(too_deep_message(limit)) from None
