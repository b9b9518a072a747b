"""The error answers every API operation can give, added to the OpenAPI schema.

drf-spectacular documents the successes (and the 409s we annotate); DRF itself answers 400 to a
request that does not fit, 403 to a client without the permission (or not signed in) and 404 to
an object the user may not see or a page past the end, and 415 to a body that is not JSON. A client, and a schema-driven test, needs
those in the schema too."""

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# DRF's validation errors: messages by field name (non_field_errors for the whole), or a list.
FIELD_ERRORS = {
    "oneOf": [
        {
            "type": "object",
            "additionalProperties": {
                "oneOf": [
                    {"type": "array", "items": {}},
                    {"type": "object"},
                    {"type": "string"},
                ]
            },
        },
        {"type": "array", "items": {"type": "string"}},
    ]
}
ERRORS = {
    "400": ("ValidationError", FIELD_ERRORS, "What was sent does not fit: the reasons by field."),
    "403": ("ErrorDetail", DETAIL, "Not signed in, or not allowed to do this."),
    "404": ("ErrorDetail", DETAIL, "Nothing the user may see has this id, or no such page."),
    "415": ("ErrorDetail", DETAIL, "The body is not JSON (send Content-Type: application/json)."),
}


def _error(code: str) -> dict:
    name, _schema, description = ERRORS[code]
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def add_error_responses(result, generator, request, public):
    """A postprocessing hook: 403 on every operation, 404 wherever there is an id in the path or
    a page number, 400 wherever there is a query string or a body to get wrong, 415 wherever
    there is a body."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema, _description in ERRORS.values():
        schemas.setdefault(name, schema)
    for item in result.get("paths", {}).values():
        for operation in item.values():
            parameters = operation.get("parameters", [])
            responses = operation.setdefault("responses", {})
            responses.setdefault("403", _error("403"))
            if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
                responses.setdefault("404", _error("404"))
            if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
                responses.setdefault("400", _error("400"))
            if "requestBody" in operation:
                responses.setdefault("415", _error("415"))
    return result
