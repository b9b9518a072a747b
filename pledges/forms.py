"""Forms for pledges, milestones, progress updates and reports of inconsistency. Rules (dates in
order, a reason to withdraw, web addresses for evidence) live in pledges.services; these forms
ask the questions and check each answer's shape."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.forms import ButtonGroup, ButtonLink, DateField, Field, Form, Layout, VersionedFormMixin
from orgs.models import Organisation

from .models import FrameworkCondition, PledgeStatus, Rag, ResponseKind
from .services import evidence_link_errors


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


def _textarea(label: str, *, required_message: str = "", help_text: str = "", rows: int = 5):
    return forms.CharField(
        label=label,
        required=bool(required_message),
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": required_message} if required_message else {},
    )


class ConditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


# --- Pledges ----------------------------------------------------------------------------------


class PledgeForm(Form):
    """A pledge's details. `bodies` are the national bodies the user may make pledges for; with
    only one there is no question to ask."""

    body = BodyChoiceField(
        label="National body",
        queryset=None,
        empty_label="Choose a national body",
        error_messages={"required": "Choose the national body making the pledge"},
    )
    condition = ConditionChoiceField(
        label="Which framework condition is the pledge under?",
        queryset=FrameworkCondition.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the framework condition",
            "invalid_choice": "Choose one of the five framework conditions",
        },
    )
    title = forms.CharField(
        label="Pledge title",
        max_length=200,
        help_text="A short name, for example “Compassionate and inclusive oversight meetings”",
        error_messages={"required": "Enter a title for the pledge"},
    )
    commitment = _textarea(
        "The commitment, in the body’s own words",
        required_message="Enter the commitment",
    )
    accountable_owner = forms.CharField(
        label="Accountable owner",
        max_length=200,
        help_text="The person or post accountable, for example “Director of Education and Quality”",
        error_messages={"required": "Enter who is accountable for the pledge"},
    )
    start_on = DateField(label="Start date", help_text="For example, 1 4 2025")
    target_on = DateField(label="Target date", help_text="For example, 31 3 2027")
    success_measure = _textarea(
        "How success will be measured",
        required_message="Enter how success will be measured",
        rows=4,
    )

    def __init__(
        self, *args, bodies=None, cancel_url: str, submit: str = "Save the pledge", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.only_body = None
        if bodies is None:  # changing a pledge: its body never changes
            del self.fields["body"]
        elif len(bodies) == 1:
            self.only_body = bodies[0]
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies
        fields = [
            Field("title", css_class="nhsuk-input--width-30"),
            Field("condition", small=True),
            "commitment",
            Field("accountable_owner", css_class="nhsuk-input--width-30"),
            "start_on",
            "target_on",
            "success_measure",
            *self.extra_layout(),
        ]
        if "body" in self.fields:
            fields.insert(0, "body")
        self.helper = _helper(*fields, submit=submit, cancel_url=cancel_url)

    def extra_layout(self) -> list:
        return []

    def chosen_body(self):
        return self.cleaned_data.get("body") or self.only_body


class PledgeEditForm(VersionedFormMixin, PledgeForm):
    """A pledge's details and status, with the version the editor loaded."""

    status = forms.ChoiceField(
        label="Status",
        choices=PledgeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose active, achieved or withdrawn",
            "invalid_choice": "Choose active, achieved or withdrawn",
        },
    )
    withdrawn_reason = _textarea(
        "If withdrawn, why",
        help_text="Say why the body no longer makes this commitment. Leave it empty otherwise.",
        rows=3,
    )

    def extra_layout(self) -> list:
        return [Field("status", small=True), "withdrawn_reason", "version"]


# --- Milestones -------------------------------------------------------------------------------


class MilestoneForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(
        label="Milestone",
        max_length=200,
        help_text="For example, “Framework used in every oversight meeting”",
        error_messages={"required": "Enter the milestone"},
    )
    due_on = DateField(label="Due date", help_text="For example, 30 9 2026")
    achieved_on = DateField(
        label="Date achieved",
        required=False,
        help_text="Leave it empty until the milestone is achieved. For example, 15 9 2026",
    )

    def __init__(self, *args, cancel_url: str, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("title", css_class="nhsuk-input--width-30"),
            "due_on",
            "achieved_on",
            "version",
            submit=submit,
            cancel_url=cancel_url,
        )


# --- Progress updates -------------------------------------------------------------------------

RAG_MESSAGE = "Choose red, amber or green"


class ProgressUpdateForm(Form):
    period_start = DateField(
        label="Start of the period",
        described_as="the date the period starts",
        help_text="For example, 1 7 2026",
    )
    period_end = DateField(
        label="End of the period",
        described_as="the date the period ends",
        help_text="For example, 30 9 2026",
    )
    rag = forms.ChoiceField(
        label="RAG status",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        help_text="Green: on track. Amber: at risk, with a plan to recover. Red: off track.",
        error_messages={"required": RAG_MESSAGE, "invalid_choice": RAG_MESSAGE},
    )
    narrative = _textarea(
        "What progress was made in the period?",
        required_message="Enter what progress was made in the period",
        rows=8,
    )
    evidence_links = _textarea(
        "Links to evidence (optional)",
        help_text="Web addresses of published evidence, one on each line.",
        rows=3,
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, cancel_url: str, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "period_start",
            "period_end",
            Field("rag", small=True),
            "narrative",
            Field("evidence_links", spellcheck="false"),
            "corrects",
            submit=submit,
            cancel_url=cancel_url,
        )
        self.helper.show_optional = False  # the label says so

    def clean_evidence_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines()]
        links = [link for link in links if link]
        errors = evidence_link_errors(links)
        if errors:
            raise forms.ValidationError(errors)
        return links


# --- Reports of inconsistency -----------------------------------------------------------------


class PledgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.body.display_name}: {obj.title}"


class ReportForm(Form):
    pledge = PledgeChoiceField(
        label="Which pledge does it go against?",
        queryset=None,
        empty_label="Choose a pledge",
        error_messages={
            "required": "Choose the pledge the action went against",
            "invalid_choice": "Choose one of the pledges in the list",
        },
    )
    organisation = BodyChoiceField(
        label="Which organisation are you reporting from?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Only the national talent team will see this.",
        error_messages={"required": "Choose the organisation you are reporting from"},
    )
    happened_on = DateField(
        label="When did it happen?",
        described_as="the date it happened",
        help_text="For example, 14 10 2026. Roughly is fine.",
    )
    what_happened = _textarea(
        "What happened?",
        required_message="Enter what happened",
        help_text="What the national body did, and why it seemed inconsistent with the pledge. "
        "The body will read this: leave out names, including your organisation’s, if you do not "
        "want to be identified.",
        rows=8,
    )

    def __init__(self, *args, pledges, organisations: list, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = pledges
        self.organisations = organisations
        if len(organisations) > 1:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            ).order_by("name")
        else:
            del self.fields["organisation"]
        fields = ["pledge", "happened_on", "what_happened"]
        if "organisation" in self.fields:
            fields.insert(1, Field("organisation", small=True))
        self.helper = _helper(*fields, submit="Send the report", cancel_url=cancel_url)

    def reporter_organisation(self):
        """The trust or CCG the report is made from (None for the national talent team)."""
        if "organisation" in self.fields:
            return self.cleaned_data["organisation"]
        return self.organisations[0] if self.organisations else None


class ResponseForm(Form):
    kind = forms.ChoiceField(
        label="What is the body’s response?",
        choices=[
            (ResponseKind.ACKNOWLEDGED, "Acknowledged: we have seen this and are looking into it"),
            (ResponseKind.EXPLAINED, "Explained: here is why we acted as we did"),
            (ResponseKind.ACTION_TAKEN, "Action taken: here is what we have done"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose acknowledged, explained or action taken",
            "invalid_choice": "Choose acknowledged, explained or action taken",
        },
    )
    text = _textarea(
        "Response",
        required_message="Enter the body’s response",
        help_text="The person who reported this, and everyone who reads the tracker, will see it.",
        rows=8,
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("kind", small=True), "text", submit="Send the response", cancel_url=cancel_url
        )
