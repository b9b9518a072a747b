"""The API reference worked out from an OpenAPI schema (core/api_reference.py), and the
scroll region that keeps its wide tables (and every other) from widening the page."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from core.api_reference import Block, Piece, Span, api_reference, blocks, type_pieces

SCHEMA = {
    "openapi": "3.0.3",
    "info": {"title": "Test API", "version": "2.0.0", "description": "Posts and people."},
    "paths": {
        "/api/posts/": {
            "get": {
                "operationId": "posts_list",
                "summary": "List the posts",
                "tags": ["posts"],
                "parameters": [
                    {
                        "name": "role",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["chair", "chief_executive"]},
                        "description": "* `chair` - Chair\n* `chief_executive` - Chief executive",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Post"},
                                }
                            }
                        },
                    },
                    "403": {"description": "Not signed in."},
                },
            },
            "post": {
                "operationId": "posts_create",
                "tags": ["posts"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Post"}}
                    },
                },
                "responses": {"201": {"description": "Made."}},
            },
        },
        "/api/people/{id}/": {
            "get": {"operationId": "people_retrieve", "tags": ["people"], "responses": {}}
        },
    },
    "components": {
        "schemas": {
            "Post": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "holder": {
                        "allOf": [{"$ref": "#/components/schemas/Holder"}],
                        "nullable": True,
                        "description": "The current holder; null if vacant.",
                    },
                    "title": {"type": "string", "maxLength": 200},
                    "abolished_on": {"type": "string", "format": "date", "nullable": True},
                },
            },
            "Holder": {"type": "object", "properties": {"name": {"type": "string"}}},
            "RoleEnum": {"type": "string", "enum": ["chair", "chief_executive"]},
        },
        "securitySchemes": {"cookieAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
    },
}


def test_operations_are_grouped_by_their_first_tag_in_the_order_the_paths_give():
    reference = api_reference(SCHEMA)

    assert [(tag.name, tag.anchor) for tag in reference.tags] == [
        ("posts", "tag-posts"),
        ("people", "tag-people"),
    ]
    assert reference.tags[0].label == "Posts"
    assert [(op.method, op.path, op.anchor) for op in reference.tags[0].operations] == [
        ("GET", "/api/posts/", "operation-posts_list"),
        ("POST", "/api/posts/", "operation-posts_create"),
    ]


def test_an_operation_lists_its_parameters_body_and_responses():
    listing, creating = api_reference(SCHEMA).tags[0].operations

    (role,) = listing.parameters
    assert (role.name, role.location, role.required) == ("role", "query", False)
    # Its description lists the values with their meanings, so the type does not repeat them.
    assert role.type == (Piece("string"),)
    assert role.description[0].kind == "list"
    assert [(r.status, r.type) for r in listing.responses] == [
        ("200", (Piece("array of "), Piece("Post", "Post"))),
        ("403", ()),
    ]
    assert creating.body.required
    assert creating.body.media_types == ("application/json",)
    assert creating.body.type == (Piece("Post", "Post"),)


def test_a_nullable_reference_reads_as_the_schema_or_null_and_links_to_it():
    pieces = type_pieces(SCHEMA["components"]["schemas"]["Post"]["properties"]["holder"])

    assert pieces == (Piece("Holder", "Holder"), Piece(" or null"))
    assert pieces[0].anchor == "schema-Holder"


def test_a_schema_lists_its_fields_with_what_is_required_read_only_and_limited():
    post = next(schema for schema in api_reference(SCHEMA).schemas if schema.name == "Post")

    assert [(p.name, p.required, p.notes) for p in post.properties] == [
        ("id", True, ("read only",)),
        ("holder", False, ()),
        ("title", False, ("at most 200 characters",)),
        ("abolished_on", False, ()),
    ]
    assert post.properties[3].type == (Piece("string (date)"), Piece(" or null"))


def test_an_enum_schema_lists_its_values_and_schemas_come_in_name_order():
    schemas = api_reference(SCHEMA).schemas

    assert [schema.name for schema in schemas] == ["Holder", "Post", "RoleEnum"]
    assert schemas[2].values == ("chair", "chief_executive")


def test_every_link_a_type_makes_has_a_schema_to_land_on():
    reference = api_reference(SCHEMA)
    anchors = {schema.anchor for schema in reference.schemas}
    links = {
        piece.anchor
        for tag in reference.tags
        for operation in tag.operations
        for response in operation.responses
        for piece in response.type
        if piece.schema
    }

    assert links
    assert links <= anchors


def test_a_description_becomes_paragraphs_and_lists_with_backticks_as_code():
    assert blocks("One line\nwrapped.\n\n* `chair` - Chair\n* `ceo` - Chief") == (
        Block("paragraph", ((Span("One line wrapped."),),)),
        Block(
            "list",
            (
                (Span("chair", code=True), Span(" - Chair")),
                (Span("ceo", code=True), Span(" - Chief")),
            ),
        ),
    )
    assert blocks("") == ()
    assert blocks(None) == ()


def test_the_security_scheme_is_said_in_words():
    assert api_reference(SCHEMA).security == (("cookieAuth", "the sessionid cookie"),)


def render(source, context=None):
    return Template("{% load nhsuk %}" + source).render(Context(context or {}))


def test_a_scroll_region_is_a_focusable_named_region_around_its_table():
    html = render(
        '{% scroll_region labelled_by="board-caption" %}<table></table>{% endscroll_region %}'
    )

    assert 'class="nhsuk-scroll" data-module="nhsuk-scroll"' in html
    assert (
        '<div class="nhsuk-scroll__content" role="region" tabindex="0" '
        'aria-labelledby="board-caption">'
    ) in html
    assert "<table></table>" in html


def test_a_scroll_region_can_be_named_by_words_which_are_escaped():
    html = render("{% scroll_region label=name %}x{% endscroll_region %}", {"name": "Posts & <b>"})

    assert 'aria-label="Posts &amp; &lt;b&gt;"' in html


def test_a_scroll_region_without_a_name_is_refused():
    with pytest.raises(TemplateSyntaxError, match="labelled_by"):
        render("{% scroll_region %}x{% endscroll_region %}")


def test_a_tag_reads_as_words_in_its_heading():
    schema = {"paths": {"/x/": {"get": {"tags": ["calibration-sessions"], "responses": {}}}}}

    assert api_reference(schema).tags[0].label == "Calibration sessions"


def test_an_enum_parameter_without_its_values_described_names_them_in_its_type():
    schema = {
        "paths": {
            "/x/": {
                "get": {
                    "parameters": [
                        {
                            "name": "band",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["high", "low"]},
                        }
                    ],
                    "responses": {},
                }
            }
        }
    }

    (parameter,) = api_reference(schema).tags[0].operations[0].parameters
    assert parameter.type == (Piece("string: one of high, low"),)
