"""Forms for people and their career history. Checks of what was typed only: the rules (a work
email names one person in an organisation, dates in order) are the services' to enforce."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from core.forms import ButtonGroup, ButtonLink, DateField, Field, Form, VersionedFormMixin
from orgs.models import Organisation
from talent.models import ProfessionalBackground


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class PeopleFilterForm(Form):
    """Search by name; the national team can also narrow the list to one organisation."""

    q = forms.CharField(label="Name or work email", required=False, max_length=200)
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ods_code",
        empty_label="All organisations",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page draws the GET form and its button
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("q", type="search", spellcheck="false", autocomplete="off"),
            *([Field("organisation")] if organisations is not None else []),
        )


class PersonForm(Form):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    work_email = forms.EmailField(
        label="Work email address",
        required=False,
        help_text="Bulk uploads recognise people by their work email.",
        error_messages={"invalid": "Enter a work email address like name@nhs.net"},
    )
    professional_background = forms.ChoiceField(
        label="Professional background",
        choices=ProfessionalBackground.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their professional background"},
    )

    def __init__(self, *args, cancel_url: str, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].error_messages["required"] = "Enter their first name"
        self.fields["last_name"].error_messages["required"] = "Enter their last name"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *self.layout_fields(),
            ButtonGroup(
                Submit("save", submit_label),
                ButtonLink("Cancel", cancel_url, css_class="secondary"),
            ),
        )

    def layout_fields(self) -> list:
        return [
            Field("first_name", autocomplete="off", spellcheck="false"),
            Field("last_name", autocomplete="off", spellcheck="false"),
            Field("work_email", autocomplete="off", spellcheck="false", type="email"),
            Field("professional_background"),
        ]


class PersonCreateForm(PersonForm):
    """A new person; an HR director of several organisations chooses which one they belong to."""

    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation they work for"},
    )

    def __init__(self, *args, organisations, **kwargs):
        self.single_organisation = organisations[0] if len(organisations) == 1 else None
        super().__init__(*args, **kwargs)
        if self.single_organisation is not None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            ).order_by("name")

    def layout_fields(self) -> list:
        fields = super().layout_fields()
        if self.single_organisation is None:
            fields.insert(0, Field("organisation"))
        return fields

    def chosen_organisation(self) -> Organisation:
        return self.single_organisation or self.cleaned_data["organisation"]


class PersonEditForm(VersionedFormMixin, PersonForm):
    def layout_fields(self) -> list:
        return [Field("version"), *super().layout_fields()]


class CareerEntryForm(Form):
    title = forms.CharField(
        label="Post title",
        max_length=200,
        help_text="For example, Deputy director of finance",
        error_messages={"required": "Enter the title of the post"},
    )
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not in the list",
        help_text="An NHS organisation this service knows.",
    )
    organisation_name = forms.CharField(
        label="Or, if it is not in the list, the organisation's name",
        max_length=255,
        required=False,
        help_text="For example, a council, a university or an organisation outside England.",
    )
    started_on = DateField(label="Start date", help_text="For example, 1 4 2018")
    ended_on = DateField(
        label="End date",
        required=False,
        help_text="For example, 31 3 2021. Leave it empty if they still hold the post.",
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("title", spellcheck="false"),
            Field("organisation"),
            Field("organisation_name"),
            Field("started_on"),
            Field("ended_on"),
            ButtonGroup(
                Submit("save", "Add to career history"),
                ButtonLink("Cancel", cancel_url, css_class="secondary"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        name = (cleaned.get("organisation_name") or "").strip()
        if organisation and name:
            self.add_error(
                "organisation_name",
                "Choose an organisation from the list or type its name, not both",
            )
        elif not organisation and not name and "organisation" not in self.errors:
            self.add_error(
                "organisation", "Choose the organisation, or type its name if it is not listed"
            )
        return cleaned
