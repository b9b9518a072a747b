"""What drf-spectacular does not say by itself, added to the OpenAPI schema by a postprocessing hook
(ADR 0020): every error answer an operation can give, the CSRF header that a session's writes
need, and nullable written the OpenAPI 3.1 way everywhere.

drf-spectacular documents the successes (and the 409s we annotate). DRF itself answers 400 to a
request that does not fit (or a body that is not JSON), 403 to a client not signed in or without
the permission (session authentication has no challenge to send, so never 401), 404 to an object
the user may not see or a page past the end, 406 to an Accept header that JSON does not satisfy,
and 415 to a body that is not JSON. Nothing is throttled, so nothing answers 429."""

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# DRF's validation errors: a list of messages by field name (non_field_errors for the whole
# request; a nested object's or a list's own errors nested by field or position), or `detail`
# for a body that cannot be read. One object schema, so that a generated client can read it.
FIELD_ERRORS = {
    "type": "object",
    "description": "What does not fit, by field name: a list of messages, or for a field that "
    "holds objects or lists, their own errors by field name or position. `non_field_errors` is "
    "about the request as a whole; `detail` alone means the body could not be read as JSON.",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}
ERRORS = {
    "400": ("ValidationError", FIELD_ERRORS, "What was sent does not fit: the reasons by field."),
    "403": (
        "ErrorDetail",
        DETAIL,
        "Not signed in, no CSRF token with a write, or not allowed to do this.",
    ),
    "404": ("ErrorDetail", DETAIL, "Nothing the user may see has this id, or no such page."),
    "406": ("ErrorDetail", DETAIL, "The Accept header does not allow application/json."),
    "415": (
        "ErrorDetail",
        DETAIL,
        "The body is not JSON: JSON is required (Content-Type: application/json).",
    ),
}
WRITES = {"post", "put", "patch", "delete"}
SESSION = "cookieAuth"
CSRF = "csrfHeader"
SECURITY_SCHEMES = {
    SESSION: {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": "The session cookie you get by signing in to the service.",
    },
    CSRF: {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
        "description": "Every write (POST, PUT, PATCH, DELETE) also needs the value of the "
        "`csrftoken` cookie in this header, and the cookie itself. Without it the answer is 403.",
    },
}


def _error(code: str) -> dict:
    name, _schema, description = ERRORS[code]
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def _nullable_the_31_way(node):
    """drf-spectacular writes OAS 3.1 nullables itself, but DRF's pagination schema still says
    `nullable: true`, which 3.1 ignores: make it a type list (or a oneOf beside null)."""
    if isinstance(node, list):
        for item in node:
            _nullable_the_31_way(item)
        return
    if not isinstance(node, dict):
        return
    if node.pop("nullable", False):
        kind = node.get("type")
        if isinstance(kind, str):
            node["type"] = [kind, "null"]
        elif isinstance(kind, list):
            node["type"] = [*kind, "null"] if "null" not in kind else kind
        else:
            node["oneOf"] = [{key: node.pop(key) for key in list(node)}, {"type": "null"}]
    for value in node.values():
        _nullable_the_31_way(value)


def _refs(node, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for item in node:
            _refs(item, found)


def _answers_say_every_field(result) -> None:
    """Every object an answer holds lists all its fields: `additionalProperties: false`, so a
    strict validator (and a generated client) can tell a field the schema forgot. Request bodies
    are left open, as DRF ignores a field it does not know."""
    schemas = result["components"]["schemas"]
    answered: set[str] = set()
    for item in result.get("paths", {}).values():
        for operation in item.values():
            _refs(operation.get("responses", {}), answered)
    seen: set[str] = set()
    while answered - seen:
        name = (answered - seen).pop()
        seen.add(name)
        _refs(schemas.get(name, {}), answered)
    for name in seen:
        schema = schemas.get(name, {})
        if schema.get("type") == "object" and "properties" in schema:
            schema.setdefault("additionalProperties", False)


def add_error_responses(result, generator, request, public):
    """A postprocessing hook: 403 and 406 on every operation, 404 wherever there is an id in the
    path or a page number, 400 wherever there is a query string or a body to get wrong, 415
    wherever there is a body; JSON bodies only; writes need the session and the CSRF header."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name, schema, _description in ERRORS.values():
        schemas[name] = schema
    components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            parameters = operation.get("parameters", [])
            responses = operation.setdefault("responses", {})
            responses.setdefault("403", _error("403"))
            responses.setdefault("406", _error("406"))
            if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
                responses.setdefault("404", _error("404"))
            if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
                responses.setdefault("400", _error("400"))
            if "requestBody" in operation:
                responses.setdefault("415", _error("415"))
                content = operation["requestBody"].get("content", {})
                operation["requestBody"]["content"] = {
                    media: body for media, body in content.items() if media == "application/json"
                }
            operation["security"] = (
                [{SESSION: [], CSRF: []}] if method in WRITES else [{SESSION: []}]
            )
    _nullable_the_31_way(result)
    _answers_say_every_field(result)
    return result
