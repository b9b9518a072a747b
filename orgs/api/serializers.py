"""Organisations as the API shows them. Names are shown as people write them (display_name)."""

from rest_framework import serializers

from orgs.models import Organisation, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "short_name", "is_current"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    """The organisation an object belongs to, as other resources embed it."""

    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Organisation
        fields = ["ods_code", "name"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-organisation-detail", lookup_field="ods_code"
    )
    name = serializers.CharField(source="display_name", read_only=True)
    ods_name = serializers.CharField(
        source="name", read_only=True, help_text="The name as ODS publishes it (in capitals)."
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    region = RegionSerializer(read_only=True, allow_null=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "url",
            "ods_code",
            "name",
            "ods_name",
            "kind",
            "kind_label",
            "is_foundation_trust",
            "region",
            "postcode",
            "opened_on",
            "closed_on",
            "is_open",
        ]
        read_only_fields = fields
