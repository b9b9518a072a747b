"""People as the API shows them. Equality monitoring data is never part of these."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.selectors import organisations_acted_for
from core.api import OptionalEmailField, version_field
from orgs.api.serializers import OrganisationSummarySerializer
from orgs.models import Organisation
from talent.models import Person


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person as other resources embed them (a holder, a successor)."""

    name = serializers.CharField(source="full_name", read_only=True)
    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ["id", "name", "organisation"]


class PostHeldSerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post_id")
    title = serializers.CharField(source="post.title")
    kind = serializers.CharField()
    started_on = serializers.DateField()


class PersonSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-person-detail")
    full_name = serializers.CharField(read_only=True)
    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    professional_background_label = serializers.CharField(
        source="get_professional_background_display", read_only=True
    )
    posts_held = serializers.SerializerMethodField(help_text="The posts they hold now.")
    slates_count = serializers.IntegerField(
        read_only=True, help_text="How many succession slates they are on now."
    )
    work_email = OptionalEmailField(help_text="Their work email; null if none is recorded.")

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "first_name",
            "last_name",
            "full_name",
            "work_email",
            "organisation",
            "professional_background",
            "professional_background_label",
            "posts_held",
            "slates_count",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(PostHeldSerializer(many=True))
    def get_posts_held(self, person):
        return PostHeldSerializer(person.current_incumbencies, many=True).data


class PersonCreateSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="ods_code",
        queryset=Organisation.objects.none(),  # narrowed to the user's in __init__
        help_text="The ODS code of the organisation that employs them.",
    )

    class Meta:
        model = Person
        fields = [
            "organisation",
            "first_name",
            "last_name",
            "work_email",
            "professional_background",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["organisation"].queryset = organisations_acted_for(request.user)


class PersonUpdateSerializer(serializers.ModelSerializer):
    version = version_field("person")

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "work_email", "professional_background", "version"]
