"""The API reference page (/api/docs/) worked out from an OpenAPI 3 schema: each operation grouped
by tag, with its parameters, request body and responses, and each schema with its properties.

A pure function of the schema as a dict, so the page says exactly what /api/schema/ says. Types
are lists of `Piece`s (words, some of them links to a schema), descriptions lists of `Block`s
(paragraphs and bullet lists whose `code` spans came from backticks): the template escapes them
all, so nothing in a description is ever markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")
_REF = "#/components/schemas/"


@dataclass(frozen=True)
class Piece:
    """A run of words in a type; `schema` is the name of the schema it links to, if any."""

    text: str
    schema: str = ""

    @property
    def anchor(self) -> str:
        return schema_anchor(self.schema) if self.schema else ""


@dataclass(frozen=True)
class Span:
    text: str
    code: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` holds one line) or a bullet list (one line per item)."""

    kind: str  # "paragraph" or "list"
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    type: tuple[Piece, ...]
    description: tuple[Block, ...]


@dataclass(frozen=True)
class Body:
    media_types: tuple[str, ...]
    type: tuple[Piece, ...]
    required: bool = False


@dataclass(frozen=True)
class Response:
    status: str
    description: tuple[Block, ...]
    media_types: tuple[str, ...]
    type: tuple[Piece, ...]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: tuple[Block, ...]
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    deprecated: bool = False


@dataclass
class Tag:
    name: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)

    @property
    def label(self) -> str:
        """ "calibration-sessions" as a heading: "Calibration sessions"."""
        return self.name.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True)
class Property:
    name: str
    type: tuple[Piece, ...]
    required: bool
    notes: tuple[str, ...]
    description: tuple[Block, ...]


@dataclass(frozen=True)
class SchemaDoc:
    name: str
    anchor: str
    type: tuple[Piece, ...]
    description: tuple[Block, ...]
    properties: tuple[Property, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class ApiReference:
    title: str
    version: str
    description: tuple[Block, ...]
    tags: tuple[Tag, ...]
    schemas: tuple[SchemaDoc, ...]
    security: tuple[tuple[str, str], ...]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def schema_anchor(name: str) -> str:
    return f"schema-{_slug(name)}"


def _spans(line: str) -> tuple[Span, ...]:
    parts = re.split(r"`([^`]*)`", line)
    return tuple(Span(text, code=bool(index % 2)) for index, text in enumerate(parts) if text)


def blocks(text: str | None) -> tuple[Block, ...]:
    """Paragraphs split at blank lines; lines starting "* " or "- " make a bullet list."""
    found = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("* ", "- ")) for line in lines):
            found.append(Block("list", tuple(_spans(line[2:]) for line in lines)))
        else:
            found.append(Block("paragraph", (_spans(" ".join(lines)),)))
    return tuple(found)


def type_pieces(schema: dict | None) -> tuple[Piece, ...]:
    """How a schema reads in a table cell: "string (date)", "array of Post", "Holder or null"."""
    pieces = _type(schema or {})
    if (schema or {}).get("nullable"):
        pieces = (*pieces, Piece(" or null"))
    return pieces


def _join(options: list[dict], word: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for index, option in enumerate(options):
        if index:
            pieces.append(Piece(f" {word} "))
        pieces.extend(type_pieces(option))
    return tuple(pieces)


def _type(schema: dict) -> tuple[Piece, ...]:
    if "$ref" in schema:
        return (Piece(schema["$ref"].removeprefix(_REF), schema["$ref"].removeprefix(_REF)),)
    for combiner, word in (("allOf", "and"), ("oneOf", "or"), ("anyOf", "or")):
        if combiner in schema:
            return _join(schema[combiner], word)
    kind = schema.get("type")
    if kind == "array":
        return (Piece("array of "), *type_pieces(schema.get("items")))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return (Piece("object of names to "), *type_pieces(schema["additionalProperties"]))
    if not kind:
        return (Piece("any value"),)
    text = f"{kind} ({schema['format']})" if "format" in schema else kind
    if "enum" in schema:
        text += ": one of " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    return (Piece(text),)


def _notes(schema: dict) -> tuple[str, ...]:
    notes = []
    if schema.get("readOnly"):
        notes.append("read only")
    if schema.get("writeOnly"):
        notes.append("write only")
    for key, label in (
        ("maxLength", "at most {} characters"),
        ("minLength", "at least {} characters"),
        ("minimum", "at least {}"),
        ("maximum", "at most {}"),
        ("default", "default {}"),
    ):
        if key in schema:
            notes.append(label.format(_literal(schema[key])))
    return tuple(notes)


def _literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def _content(content: dict | None) -> tuple[tuple[str, ...], tuple[Piece, ...]]:
    content = content or {}
    media_types = tuple(content)
    # The types are the same for every media type drf-spectacular lists; show the first's.
    first = next(iter(content.values()), {})
    return media_types, type_pieces(first.get("schema")) if first.get("schema") else ()


def _without_described_enum(parameter: dict) -> dict | None:
    """A parameter's schema, less the enum its description already lists value by value (as
    drf-spectacular writes it: "* `chair` - Chair"), so each value is said once."""
    schema = parameter.get("schema") or {}
    description = parameter.get("description") or ""
    values = schema.get("enum") or []
    if values and all(f"`{value}`" in description for value in values if value is not None):
        return {key: value for key, value in schema.items() if key != "enum"}
    return schema


def _operation(path: str, method: str, spec: dict) -> Operation:
    parameters = tuple(
        Parameter(
            name=parameter["name"],
            location=parameter["in"],
            required=bool(parameter.get("required")),
            type=type_pieces(_without_described_enum(parameter)),
            description=blocks(parameter.get("description")),
        )
        for parameter in spec.get("parameters", [])
    )
    body = None
    if "requestBody" in spec:
        media_types, pieces = _content(spec["requestBody"].get("content"))
        body = Body(media_types, pieces, bool(spec["requestBody"].get("required")))
    responses = []
    for status, response in sorted(spec.get("responses", {}).items()):
        media_types, pieces = _content(response.get("content"))
        responses.append(Response(status, blocks(response.get("description")), media_types, pieces))
    operation_id = spec.get("operationId") or f"{method}-{path}"
    return Operation(
        method=method.upper(),
        path=path,
        anchor=f"operation-{_slug(operation_id)}",
        summary=spec.get("summary", ""),
        description=blocks(spec.get("description")),
        parameters=parameters,
        body=body,
        responses=tuple(responses),
        deprecated=bool(spec.get("deprecated")),
    )


def _schema_doc(name: str, schema: dict) -> SchemaDoc:
    required = set(schema.get("required", []))
    properties = tuple(
        Property(
            name=property_name,
            type=type_pieces(spec),
            required=property_name in required,
            notes=_notes(spec),
            description=blocks(spec.get("description") or spec.get("title")),
        )
        for property_name, spec in schema.get("properties", {}).items()
    )
    values = tuple(_literal(value) for value in schema.get("enum", []))
    return SchemaDoc(
        name=name,
        anchor=schema_anchor(name),
        type=() if properties or values else type_pieces(schema),
        description=blocks(schema.get("description")),
        properties=properties,
        values=values,
    )


def api_reference(schema: dict) -> ApiReference:
    """The reference for an OpenAPI 3 schema: tags in the order they first appear (or as the
    schema's `tags` list them), operations in path order, schemas by name."""
    tags: dict[str, Tag] = {
        tag["name"]: Tag(tag["name"], f"tag-{_slug(tag['name'])}") for tag in schema.get("tags", [])
    }
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            spec = item[method]
            name = (spec.get("tags") or ["other"])[0]
            tag = tags.setdefault(name, Tag(name, f"tag-{_slug(name)}"))
            tag.operations.append(_operation(path, method, spec))
    components = schema.get("components", {})
    security = tuple(
        (name, _security_text(scheme))
        for name, scheme in components.get("securitySchemes", {}).items()
    )
    info = schema.get("info", {})
    return ApiReference(
        title=info.get("title", "API"),
        version=info.get("version", ""),
        description=blocks(info.get("description")),
        tags=tuple(tag for tag in tags.values() if tag.operations),
        schemas=tuple(
            _schema_doc(name, spec) for name, spec in sorted(components.get("schemas", {}).items())
        ),
        security=security,
    )


def _security_text(scheme: dict) -> str:
    if scheme.get("type") == "apiKey":
        return f"the {scheme.get('name')} {scheme.get('in')}"
    if scheme.get("type") == "http":
        return f"HTTP {scheme.get('scheme')} authentication"
    return scheme.get("description") or scheme.get("type", "")
