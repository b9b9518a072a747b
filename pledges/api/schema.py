"""Named enums in the OpenAPI schema for the pledge tracker's choice fields.

drf-spectacular names an inline enum after its field ("status", "kind"), and other apps' fields
of the same name then collide. A NamedChoiceField is named after its choices class instead
(PledgeStatus -> PledgeStatusEnum), so the names are stable without settings."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_description_list
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    def __init__(self, choices_class, **kwargs):
        self.choices_class = choices_class
        super().__init__(choices=choices_class.choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        choices = field.choices_class
        component = ResolvedComponent(
            name=f"{choices.__name__}Enum",
            type=ResolvedComponent.SCHEMA,
            object=choices,
            schema={
                "enum": list(choices.values),
                "type": "string",
                "description": build_choice_description_list(choices.choices),
            },
        )
        auto_schema.registry.register_on_missing(component)
        if field.allow_null:
            return {"allOf": [component.ref], "nullable": True}
        return component.ref
