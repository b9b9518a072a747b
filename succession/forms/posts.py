"""Forms for posts and their holders. Rules (dates in order, one holder at a time) live in
succession.services; these forms only ask the questions and check each answer's shape."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.forms import (
    ButtonGroup,
    ButtonLink,
    DateField,
    Field,
    Fieldset,
    Form,
    Layout,
    VersionedFormMixin,
)
from orgs.models import Organisation
from succession.models import Criticality, DepartureReason, IncumbencyKind
from talent.models import PostRole, ProfessionalBackground

NOT_KNOWN = [("", "Not known")]


def _helper(*fields, submit: str, cancel_url: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(
        *fields,
        ButtonGroup(
            Submit("save", submit),
            ButtonLink("Cancel", cancel_url, css_class="secondary"),
        ),
    )
    return helper


class PostForm(Form):
    """A post's details: what the HR director can set when adding or changing a post."""

    title = forms.CharField(
        label="Post title",
        max_length=200,
        help_text="As the organisation writes it, for example “Chief Executive”",
        error_messages={"required": "Enter the post title"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role")] + PostRole.choices,
        error_messages={"required": "Choose the role of this post"},
    )
    is_top_200 = forms.BooleanField(
        label="This is one of the national top-200 posts",
        required=False,
    )
    criticality = forms.ChoiceField(
        label="How critical is this post to the organisation?",
        choices=Criticality.choices,
        initial=Criticality.HIGH,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how critical this post is"},
    )
    shared_with = forms.CharField(
        label="Other organisations that share this post (optional)",
        required=False,
        max_length=500,
        help_text=(
            "For a joint chair or a group chief executive: the ODS codes of the other trusts or "
            "ICBs, separated by commas, for example RJ1, RX3. This organisation stays the lead "
            "and owns the plan; the others’ HR directors and chairs can read it."
        ),
    )

    def clean_shared_with(self) -> list[Organisation]:
        codes = [
            code.strip().upper() for code in re.split(r"[,\s]+", self.cleaned_data["shared_with"])
        ]
        codes = list(dict.fromkeys(code for code in codes if code))
        found = {org.ods_code: org for org in Organisation.objects.filter(ods_code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                f"No organisation has the ODS code {', '.join(unknown)}: check the codes"
            )
        return [found[code] for code in codes]

    def __init__(self, *args, cancel_url: str, submit: str = "Save the post", **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field("title", css_class="nhsuk-input--width-30"),
            "role",
            Fieldset("National top-200 post", Field("is_top_200", small=True), legend_size="s"),
            Field("criticality", small=True),
            Field("shared_with", css_class="nhsuk-input--width-30"),
        ]
        if "version" in self.fields:
            fields.append("version")
        self.helper = _helper(*fields, submit=submit, cancel_url=cancel_url)


class PostEditForm(VersionedFormMixin, PostForm):
    """A post's details, with the version the HR director loaded."""


class HolderForm(VersionedFormMixin, forms.Form):
    """A new holder of a post: someone already in the service, or someone added here."""

    person = forms.ModelChoiceField(
        label="Choose who holds the post now",
        queryset=None,
        required=False,
        empty_label="Choose a person",
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    work_email = forms.EmailField(
        label="Work email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@nhs.net"},
    )
    professional_background = forms.ChoiceField(
        label="Professional background",
        choices=ProfessionalBackground.choices,
        initial=ProfessionalBackground.OTHER,
        required=False,
    )
    kind = forms.ChoiceField(
        label="On what footing do they hold it?",
        choices=IncumbencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose substantive, interim or acting"},
    )
    started_on = DateField(
        label="Date they started",
        help_text="For example, 1 4 2025",
    )
    expected_departure_on = DateField(
        label="Expected departure date",
        required=False,
        help_text="Leave blank if not known. For example, 31 3 2027",
    )
    departure_reason = forms.ChoiceField(
        label="Reason they are expected to leave",
        choices=NOT_KNOWN + DepartureReason.choices,
        required=False,
    )
    previous_holder_reason = forms.ChoiceField(
        label="Why the previous holder left",
        choices=NOT_KNOWN + DepartureReason.choices,
        required=False,
    )

    NEW_PERSON_FIELDS = ("first_name", "last_name", "work_email")

    def __init__(
        self, *args, people, organisation_name: str, previous_holder, cancel_url, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.full_name} ({person.work_email})" if person.work_email else person.full_name
        )
        self.fields["person"].help_text = f"People of {organisation_name} in this service"
        fields = [
            Field("person", label_size="m"),
            Fieldset(
                "Or add someone new",
                Field("first_name", css_class="nhsuk-input--width-20", autocomplete="off"),
                Field("last_name", css_class="nhsuk-input--width-20", autocomplete="off"),
                Field(
                    "work_email",
                    css_class="nhsuk-input--width-30",
                    autocomplete="off",
                    spellcheck="false",
                ),
                "professional_background",
            ),
            Field("kind", label_size="m"),
            Field("started_on", label_size="m"),
            Fieldset(
                "When are they expected to leave? (optional)",
                "expected_departure_on",
                "departure_reason",
            ),
        ]
        if previous_holder is not None:
            reason_field = self.fields["previous_holder_reason"]
            reason_field.label = f"Why {previous_holder.person.full_name} left (optional)"
            reason_field.help_text = (
                "Their time in the post ends on the day the new holder starts."
                if not previous_holder.departure_reason
                else "Their time in the post ends on the day the new holder starts. "
                f"Leave as not known to keep “{previous_holder.get_departure_reason_display()}”."
            )
            fields.append(Field("previous_holder_reason", label_size="m"))
        else:
            del self.fields["previous_holder_reason"]
        fields.append("version")
        self.helper = _helper(*fields, submit="Record the holder", cancel_url=cancel_url)
        # One of "choose" or "add" is needed, so no single field is marked as optional.
        self.helper.show_optional = False

    @property
    def is_new_person(self) -> bool:
        return bool(self.cleaned_data.get("first_name") or self.cleaned_data.get("last_name"))

    def clean(self):
        data = super().clean()
        if "person" in self.errors:
            return data
        typed_new = any(data.get(name) for name in self.NEW_PERSON_FIELDS)
        if data.get("person") and typed_new:
            self.add_error(
                "person",
                "Choose someone from the list or add someone new, not both",
            )
        elif not data.get("person") and not typed_new:
            self.add_error(
                "person",
                "Choose who holds the post now, or add someone new",
            )
        elif typed_new:
            if not data.get("first_name"):
                self.add_error("first_name", "Enter the new holder’s first name")
            if not data.get("last_name"):
                self.add_error("last_name", "Enter the new holder’s last name")
        return data

    def incumbency_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "kind": data["kind"],
            "started_on": data["started_on"],
            "expected_departure_on": data.get("expected_departure_on"),
            "departure_reason": data.get("departure_reason") or "",
            "expected_version": data["version"],
        }
        if "previous_holder_reason" in self.fields:
            fields["previous_holder_reason"] = data.get("previous_holder_reason") or ""
        return fields

    def new_person_fields(self) -> dict:
        return {
            name: self.cleaned_data.get(name) or ""
            for name in (*self.NEW_PERSON_FIELDS, "professional_background")
        }


class DepartureForm(VersionedFormMixin, forms.Form):
    """When the current holder is expected to leave, and why."""

    expected_departure_on = DateField(
        label="Expected departure date",
        required=False,
        help_text="Leave blank if they are no longer expected to leave. For example, 31 3 2027",
    )
    departure_reason = forms.ChoiceField(
        label="Reason they are expected to leave",
        choices=NOT_KNOWN + DepartureReason.choices,
        required=False,
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("expected_departure_on", label_size="m"),
            Field("departure_reason", label_size="m"),
            "version",
            submit="Save the expected departure",
            cancel_url=cancel_url,
        )


class HolderLeftForm(VersionedFormMixin, forms.Form):
    """The holder has left the post."""

    ended_on = DateField(
        label="Date they left",
        help_text="For example, 31 3 2025",
    )
    departure_reason = forms.ChoiceField(
        label="Why did they leave?",
        choices=DepartureReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why they left"},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("ended_on", label_size="m"),
            Field("departure_reason", label_size="m", small=True),
            "version",
            submit="Record that they left",
            cancel_url=cancel_url,
        )
