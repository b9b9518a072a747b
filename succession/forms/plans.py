"""Forms for a post's succession plan: the slate, reviews, the chair's sign-off and appointing a
successor. Rules (who may be nominated, one emergency cover, dates in order) live in
succession.services; these forms only ask the questions and check each answer's shape."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Submit
from django import forms
from django.utils import timezone
from django.utils.html import conditional_escape

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
from succession.models import ConsentMethod, IncumbencyKind
from talent.models import Readiness

READINESS_MESSAGE = "Choose ready now, ready in 1–2 years or ready in 3–5 years"


def _helper(*fields, submit: str, cancel_url: str = "", warning: bool = False) -> FormHelper:
    buttons = [Submit("save", submit, css_class="warning" if warning else "")]
    if cancel_url:
        buttons.append(ButtonLink("Cancel", cancel_url, css_class="secondary"))
    helper = FormHelper()
    helper.layout = Layout(*fields, ButtonGroup(*buttons))
    return helper


def _readiness_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How ready are they to take on this post?",
        choices=Readiness.choices,
        widget=forms.RadioSelect,
        # A value off the scale (a tampered form) gets the same plain message, at the field.
        error_messages={"required": READINESS_MESSAGE, "invalid_choice": READINESS_MESSAGE},
    )


def _notes_field() -> forms.CharField:
    return forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, development they need before they are ready",
    )


CONSENT_HINT = (
    "{name} works for another organisation and has not agreed to be visible to other "
    "organisations. You can nominate them only if they agreed to this nomination: say when and "
    "how they told you. Your name and the time are kept with it."
)


class ConsentToNominationFields(Form):
    """Their agreement to this nomination, asked only when the service needs it
    (succession.services.nomination_needs_consent)."""

    consent_given_on = DateField(
        label="Date they agreed to this nomination",
        required=False,
        help_text="For example, 20 11 2026",
    )
    consent_method = forms.ChoiceField(
        label="How did they agree?",
        choices=ConsentMethod.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def consent_layout(self, *, asks_consent: bool, person_name: str) -> list:
        """The fieldset for the layout, or nothing (and no such fields) when it is not needed."""
        if not asks_consent:
            del self.fields["consent_given_on"]
            del self.fields["consent_method"]
            return []
        # crispy-forms renders HTML() as a template: a name goes in escaped, with its braces and
        # percent signs as character references, so it is never run.
        hint = (
            conditional_escape(CONSENT_HINT.format(name=person_name))
            .replace("{", "&#123;")
            .replace("}", "&#125;")
            .replace("%", "&#37;")
        )
        return [
            Fieldset(
                "Their agreement to this nomination",
                HTML(f'<p class="nhsuk-hint" id="consent-hint">{hint}</p>'),
                Field("consent_given_on"),
                Field("consent_method", label_size="s", small=True),
            )
        ]

    def consent_answers(self) -> dict:
        return {
            "consent_method": self.cleaned_data.get("consent_method") or "",
            "consent_given_on": self.cleaned_data.get("consent_given_on"),
        }


class CandidateSearchForm(Form):
    """Step 1 of adding a successor: find them by name or work email."""

    q = forms.CharField(
        label="Search for a person by name or work email address",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Drawn inside the page's own GET form: no form tag, no CSRF token in the address.
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("q", css_class="nhsuk-input--width-30", spellcheck="false", autocomplete="off")
        )
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.show_optional = False


class NominationAddForm(VersionedFormMixin, ConsentToNominationFields):
    """Step 2 of adding a successor: how ready they are, emergency cover and notes. The person
    comes from the search and is checked again by the view against who the user may name."""

    person = forms.IntegerField(label="Successor", widget=forms.HiddenInput)
    readiness = _readiness_field()
    is_emergency_cover = forms.BooleanField(
        label="Name them as emergency cover",
        required=False,
        help_text="The person who would hold the post at short notice. "
        "Only one person on the slate can be emergency cover.",
    )
    notes = _notes_field()

    def __init__(
        self, *args, cancel_url: str, asks_consent: bool = False, person_name: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            *self.consent_layout(asks_consent=asks_consent, person_name=person_name),
            Field("readiness", label_size="m"),
            Field("is_emergency_cover"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            "person",
            "version",
            submit="Add to the slate",
            cancel_url=cancel_url,
        )
        self.helper.form_tag = False


class NominationEditForm(VersionedFormMixin, forms.Form):
    readiness = _readiness_field()
    notes = _notes_field()

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("readiness", label_size="m"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            "version",
            submit="Save",
            cancel_url=cancel_url,
        )


class NominationMoveForm(VersionedFormMixin, forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class EmergencyCoverForm(VersionedFormMixin, forms.Form):
    value = forms.ChoiceField(choices=[("on", "On"), ("off", "Off")])


class SlateReorderForm(VersionedFormMixin, forms.Form):
    """The whole slate in a new order (from drag-and-drop): every nomination id once."""

    order = forms.CharField()

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # The order arrives as repeated fields (order=3&order=1...) or one comma-separated.
            data = data.copy()
            data["order"] = ",".join(data.getlist("order"))
        super().__init__(data, *args, **kwargs)

    def clean_order(self) -> list[int]:
        try:
            return [int(part) for part in self.cleaned_data["order"].split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError("The new order must list successors by number.") from None


class NominationRemoveForm(VersionedFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are they being removed from the slate?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this successor is being removed"},
        help_text="This is kept in the plan’s history",
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("reason", label_size="m", css_class="nhsuk-u-width-two-thirds"),
            "version",
            submit="Remove from the slate",
            cancel_url=cancel_url,
            warning=True,
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why this successor is being removed")
        return reason


class PlanReviewForm(VersionedFormMixin, forms.Form):
    reviewed_on = DateField(
        label="Date of the review",
        help_text="For example, 27 3 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("reviewed_on", label_size="s"), "version", submit="Record the review"
        )

    def clean_reviewed_on(self):
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on and reviewed_on > timezone.localdate():
            raise forms.ValidationError("The date of the review must be today or in the past")
        return reviewed_on


class SignOffRequestForm(VersionedFormMixin, forms.Form):
    """Asking the chair: no questions, only the version the HR director saw."""


class SignOffForm(VersionedFormMixin, forms.Form):
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the sign-off, for example what the board discussed",
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("comment", label_size="m", css_class="nhsuk-u-width-two-thirds"),
            "version",
            submit="Sign off this plan",
            cancel_url=cancel_url,
        )


class AppointForm(VersionedFormMixin, forms.Form):
    """Appointing a nominee to the post; an interim for the post they leave, if they hold one."""

    started_on = DateField(
        label="Date they start in the post",
        help_text="For example, 1 4 2026",
    )
    kind = forms.ChoiceField(
        label="On what footing will they hold it?",
        choices=IncumbencyKind.choices,
        initial=IncumbencyKind.SUBSTANTIVE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose substantive, interim or acting",
            "invalid_choice": "Choose substantive, interim or acting",
        },
    )
    interim_person = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No one for now: leave it vacant",
        error_messages={"invalid_choice": "Choose someone from the list, or no one"},
    )

    def __init__(self, *args, left_post=None, interim_people=None, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field("started_on", label_size="m"), Field("kind", label_size="m", small=True)]
        if left_post is not None and interim_people is not None:
            field = self.fields["interim_person"]
            field.queryset = interim_people
            field.label = f"Who will hold {left_post.title} for the time being?"
            field.help_text = (
                f"They leave {left_post.title}, {left_post.organisation.display_name}, the day "
                "they start. Name an interim from its organisation, or leave it vacant."
            )
            field.label_from_instance = lambda person: person.full_name
            fields.append(Field("interim_person", label_size="m"))
        else:
            del self.fields["interim_person"]
        fields.append("version")
        self.helper = _helper(*fields, submit="Appoint", cancel_url=cancel_url)


class PoolNominateForm(VersionedFormMixin, ConsentToNominationFields):
    post = forms.IntegerField(widget=forms.HiddenInput)
    readiness = forms.ChoiceField(
        label="How ready are they to take on this post?",
        choices=Readiness.choices,
        widget=forms.RadioSelect,
        error_messages={"required": READINESS_MESSAGE, "invalid_choice": READINESS_MESSAGE},
    )
    notes = forms.CharField(
        label="Notes for the organisation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The post’s HR director sees these on the succession plan",
    )

    def __init__(
        self, *args, cancel_url: str, asks_consent: bool = False, person_name: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "post",
            "version",
            *self.consent_layout(asks_consent=asks_consent, person_name=person_name),
            Field("readiness", label_size="m"),
            Field("notes", css_class="nhsuk-u-width-two-thirds"),
            submit="Nominate as successor",
            cancel_url=cancel_url,
        )
        self.helper.form_tag = False
