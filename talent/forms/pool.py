"""Forms for the national talent pool: search, a pool member's record, calibration, the pipeline
and equality pages. They ask the questions and check each answer's shape; the rules live in
talent.services."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Submit
from django import forms
from django.utils.html import escape

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
from orgs.models import Organisation, Region
from talent.models import (
    TARGET_ROLE_CHOICES,
    Cohort,
    DevelopmentKind,
    DevelopmentStatus,
    Disability,
    EthnicGroup,
    Ethnicity,
    NineBoxLevel,
    Readiness,
    Sex,
    ethnic_group_of,
)

READINESS_MESSAGE = "Choose ready now, ready in 1–2 years or ready in 3–5 years"
NOT_ASSESSED = "not_assessed"
LEVELS = [(str(value), label) for value, label in NineBoxLevel.choices]


def _helper(*fields, submit: str, cancel_url: str = "", warning: bool = False) -> FormHelper:
    buttons = [Submit("save", submit, css_class="warning" if warning else "")]
    if cancel_url:
        buttons.append(ButtonLink("Cancel", cancel_url, css_class="secondary"))
    helper = FormHelper()
    helper.layout = Layout(*fields, ButtonGroup(*buttons))
    return helper


def _get_helper(*fields) -> FormHelper:
    """For filters drawn inside the page's own GET form: no form tag, no CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


def _columns(*fields) -> Div:
    """Filters side by side: four to a line on a desktop, two on a tablet, stacked on a phone."""
    return Div(
        *(
            Div(
                field if isinstance(field, Field) else Field(field, css_class="nhsuk-u-width-full"),
                css_class="app-grid-column-filter",
            )
            for field in fields
        ),
        css_class="nhsuk-grid-row",
    )


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.short_name


class RegionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.short_name


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


def _level_field(label: str, *, required: bool = True, empty: str = "") -> forms.TypedChoiceField:
    choices = ([("", empty)] if empty else []) + LEVELS
    name = label.split()[0].lower()
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect if required else forms.Select,
        error_messages={
            "required": f"Choose low, moderate or high {name}",
            "invalid_choice": f"Choose low, moderate or high {name}",
        },
    )


# --- Search ------------------------------------------------------------------------------------


class PoolSearchForm(Form):
    """The layout of the pool search. Its fields are talent.filters.PoolFilter's: HR directors
    and chairs get the name, target role and readiness questions only; the national team can
    also narrow by region, background, programme and nine-box."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = Field(
            "q",
            type="search",
            spellcheck="false",
            autocomplete="off",
            css_class="nhsuk-u-width-full",
        )
        if "region" in self.fields:
            rows = [
                _columns(name, "target_role", "readiness", "region"),
                _columns("background", "programme", "performance", "potential"),
            ]
        else:
            rows = [_columns(name, "target_role", "readiness")]
        self.helper = _get_helper(*rows)
        self.helper.show_optional = False


# --- A pool member's record -----------------------------------------------------------------


class TalentProfileForm(VersionedFormMixin, forms.Form):
    in_national_pool = forms.BooleanField(label="In the national talent pool", required=False)
    joined_pool_on = DateField(
        label="Date they joined the pool", required=False, help_text="For example, 1 4 2024"
    )
    left_pool_on = DateField(
        label="Date they left the pool",
        required=False,
        help_text="Only if they have left. For example, 31 3 2026",
    )
    visible_to_other_organisations = forms.BooleanField(
        label="They agreed to be visible to other organisations as a possible successor",
        required=False,
        help_text="HR directors and chairs elsewhere then see their name, current post and "
        "readiness for target roles, and nothing else",
    )
    consent_recorded_on = DateField(
        label="Date they agreed", required=False, help_text="For example, 8 4 2024"
    )
    aspirations = forms.CharField(
        label="Aspirations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The roles and kinds of organisation they want to lead",
    )
    mobility_regions = RegionsField(
        label="Regions they would work in",
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, regions, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mobility_regions"].queryset = regions
        # A new profile has no version yet; changing one always says which version it started from.
        self.fields["version"].required = bool(self.initial.get("version"))
        self.helper = _helper(
            "version",
            Fieldset(
                "Membership",
                Field("in_national_pool"),
                Field("joined_pool_on"),
                Field("left_pool_on"),
            ),
            Fieldset(
                "Consent", Field("visible_to_other_organisations"), Field("consent_recorded_on")
            ),
            Fieldset(
                "Aspirations and mobility",
                Field("aspirations", css_class="nhsuk-u-width-two-thirds"),
                Field("mobility_regions", small=True),
            ),
            submit="Save the profile",
            cancel_url=cancel_url,
        )


class TargetReadinessForm(VersionedFormMixin, forms.Form):
    """Readiness for one target role. Changing a role already assessed keeps the role fixed and
    carries the version loaded; a role not assessed yet carries none."""

    role = forms.ChoiceField(
        label="Target role",
        choices=[("", "Choose a role"), *TARGET_ROLE_CHOICES],
        error_messages={"required": "Choose a target role"},
    )
    readiness = forms.ChoiceField(
        label="How ready are they for this role?",
        choices=[*Readiness.choices, (NOT_ASSESSED, "Not assessed (remove it)")],
        widget=forms.RadioSelect,
        error_messages={"required": READINESS_MESSAGE, "invalid_choice": READINESS_MESSAGE},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what they need before they are ready",
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        # No version says the editor saw no readiness for the role: refused if there is one now.
        self.fields["version"].required = False
        # The version belongs to this role's readiness: it cannot be sent for another role.
        self.fields["role"].disabled = bool(self.initial.get("version"))
        self.helper = _helper(
            "version",
            Field("role"),
            Field("readiness", label_size="s"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            submit="Save readiness",
            cancel_url=cancel_url,
        )

    def clean_readiness(self) -> str:
        readiness = self.cleaned_data["readiness"]
        return "" if readiness == NOT_ASSESSED else readiness


class NineBoxForm(VersionedFormMixin, forms.Form):
    """A placement, with the version of the pool member's profile the editor loaded."""

    performance = _level_field("Performance")
    potential = _level_field("Potential")
    reason = forms.CharField(
        label="Reason for this placement",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in their nine-box history, with your name and the time",
        error_messages={"required": "Enter the reason for this placement"},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "version",
            Field("performance", label_size="s", inline=True),
            Field("potential", label_size="s", inline=True),
            Field("reason", css_class="nhsuk-u-width-two-thirds"),
            submit="Save placement",
            cancel_url=cancel_url,
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter the reason for this placement")
        return reason


class CohortMembershipForm(Form):
    cohort = CohortChoiceField(
        label="Programme cohort",
        queryset=Cohort.objects.none(),
        empty_label="Choose a cohort",
        error_messages={"required": "Choose the programme cohort"},
    )
    joined_on = DateField(label="Date they joined", help_text="For example, 1 9 2025")

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.select_related("programme")
        self.helper = _helper(
            Field("cohort"), Field("joined_on"), submit="Add to the cohort", cancel_url=cancel_url
        )


class CohortLeaveForm(Form):
    left_on = DateField(label="Date they left", help_text="For example, 31 3 2026")

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("left_on"), submit="Record that they left", cancel_url=cancel_url
        )


class DevelopmentForm(Form):
    kind = forms.ChoiceField(
        label="Kind of development",
        choices=DevelopmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of development"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Executive coaching, or Interim chief operating officer secondment",
        error_messages={"required": "Enter a title"},
    )
    cohort = CohortChoiceField(
        label="Programme cohort (for a programme place)",
        queryset=Cohort.objects.none(),
        required=False,
        empty_label="Not a programme place",
    )
    mentor_name = forms.CharField(
        label="Mentor’s name (for mentoring)",
        max_length=200,
        required=False,
        help_text="For example, Dame Jane Smith, chief executive of a trust",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=DevelopmentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    starts_on = DateField(label="Start date", help_text="For example, 1 9 2025")
    ends_on = DateField(
        label="End date",
        required=False,
        help_text="When it ended or will end. For example, 31 8 2026",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.select_related("programme")
        self.helper = _helper(
            Field("kind", label_size="s"),
            Field("title", css_class="nhsuk-u-width-two-thirds"),
            Field("cohort"),
            Field("mentor_name", css_class="nhsuk-u-width-two-thirds"),
            Field("status", label_size="s"),
            Field("starts_on"),
            Field("ends_on"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            submit="Add development",
            cancel_url=cancel_url,
        )


class DevelopmentUpdateForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=DevelopmentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    ends_on = DateField(
        label="End date",
        required=False,
        help_text="When it ended or will end. For example, 31 8 2026",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "version",
            Field("status", label_size="s"),
            Field("ends_on"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            submit="Save",
            cancel_url=cancel_url,
        )


# --- Nominating a pool member -------------------------------------------------------------------


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class PostFilterForm(Form):
    q = forms.CharField(
        label="Post or organisation",
        help_text="Words of the post’s title or the organisation’s name, or its ODS code",
        required=False,
        max_length=100,
    )
    target_role = forms.ChoiceField(
        label="Role", choices=[("", "Any role"), *TARGET_ROLE_CHOICES], required=False
    )
    region = RegionChoiceField(
        label="Region",
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
        empty_label="Any region",
    )
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ods_code",
        empty_label="Any organisation",
    )

    def __init__(self, *args, regions, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["organisation"].queryset = organisations
        self.helper = _get_helper("q", _columns("target_role", "region", "organisation"))
        self.helper.show_optional = False


# --- Calibration -------------------------------------------------------------------------------


class CalibrationSessionForm(Form):
    cohort = CohortChoiceField(
        label="Cohort to calibrate",
        queryset=Cohort.objects.none(),
        empty_label="Choose a cohort",
        error_messages={"required": "Choose the cohort to calibrate"},
    )
    held_on = DateField(label="Date of the session", help_text="For example, 12 3 2026")

    def __init__(self, *args, cohorts, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.helper = _helper(
            Field("cohort"), Field("held_on"), submit="Open the session", cancel_url=cancel_url
        )


class CalibrationMoveForm(Form):
    """Move one person on the grid: drawn once per person, so it works without JavaScript."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    performance = _level_field("Performance", required=True)
    potential = _level_field("Potential", required=True)
    reason = forms.CharField(
        label="Reason for the move",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for moving them"},
    )

    def __init__(self, *args, action: str, person_pk: int, person_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("performance", "potential"):
            self.fields[name].widget = forms.Select(choices=LEVELS)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.attrs = {"data-calibration-move": person_pk}
        # crispy-forms renders a button's value as a template and does not escape the result: a
        # name goes in escaped, with its braces as character references, so it is never run.
        label = escape(f"Move {person_name}".strip()).replace("{", "&#123;").replace("}", "&#125;")
        self.helper.layout = Layout(
            "person",
            "version",
            Field("performance"),
            Field("potential"),
            Field("reason", css_class="nhsuk-u-width-full"),
            ButtonGroup(Submit("move", label, css_class="secondary", css_id=f"move-{person_pk}")),
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter the reason for moving them")
        return reason


# --- Pipeline and equality ---------------------------------------------------------------------


class RegionFilterForm(Form):
    region = RegionChoiceField(
        label="Region",
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
        empty_label="England (every region)",
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.helper = _get_helper("region")
        self.helper.show_optional = False


class EqualityFilterForm(RegionFilterForm):
    dimension = forms.ChoiceField(label="Breakdown by", required=False)

    def __init__(self, *args, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = dimensions
        self.helper = _get_helper("dimension", "region")
        self.helper.show_optional = False


def _grouped_ethnicities() -> list:
    groups = dict(EthnicGroup.choices)
    grouped = []
    for group in EthnicGroup.values:
        if group == EthnicGroup.PREFER_NOT_TO_SAY:
            continue
        options = [
            (value, label)
            for value, label in Ethnicity.choices
            if value != Ethnicity.PREFER_NOT_TO_SAY and ethnic_group_of(value) == group
        ]
        grouped.append((groups[group], options))
    return [
        ("", "Choose an ethnic group"),
        *grouped,
        (Ethnicity.PREFER_NOT_TO_SAY, "Prefer not to say"),
    ]


class EqualityRecordForm(VersionedFormMixin, forms.Form):
    """A person's answers; changing answers already recorded carries the version loaded."""

    ethnicity = forms.ChoiceField(
        label="Ethnic group",
        choices=_grouped_ethnicities(),
        help_text="The ONS 2021 Census categories for England and Wales",
        error_messages={
            "required": "Choose an ethnic group, or prefer not to say",
            "invalid_choice": "Choose an ethnic group, or prefer not to say",
        },
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their sex, or prefer not to say"},
    )
    disability = forms.ChoiceField(
        label="Do they consider themselves to have a disability?",
        choices=Disability.choices,
        widget=forms.RadioSelect,
        help_text="As the Equality Act 2010 defines it",
        error_messages={"required": "Choose whether they are disabled, or prefer not to say"},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        # No version says the editor saw no answers: refused if someone has recorded them since.
        self.fields["version"].required = False
        self.helper = _helper(
            "version",
            Field("ethnicity"),
            Field("sex", label_size="s"),
            Field("disability", label_size="s"),
            submit="Save equality monitoring answers",
            cancel_url=cancel_url,
        )
