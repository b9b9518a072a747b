"""Forms for the risk dashboard's filters and the method page. They check each answer's shape;
the rules of a method version live in risk.methods."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.forms import ButtonGroup, ButtonLink, Field, Fieldset, Form, Layout, VersionedFormMixin
from orgs.models import Organisation, OrganisationKind, Region
from talent.models import PostRole

from . import scoring
from .models import RiskBand
from .selectors import DEFAULT_SORT, TABLE_SORTS, RiskFilters

ANY = [("", "Any")]
APPLY_NOW = "now"
NEXT_NIGHTLY = "nightly"


class RiskFilterForm(Form):
    """The at-risk table's filters, sent by GET. Region and organisation kind are for the national
    team; an HR director's dashboard is one organisation already."""

    region = forms.ChoiceField(label="Region", required=False)
    organisation_kind = forms.ChoiceField(
        label="Organisation kind",
        required=False,
        choices=ANY
        + [
            (v, label)
            for v, label in OrganisationKind.choices
            if v != OrganisationKind.NATIONAL_BODY
        ],
    )
    segment = forms.ChoiceField(
        label="Oversight segment",
        required=False,
        choices=ANY
        + [(str(n), f"Segment {n}") for n in range(1, 5)]
        + [("5", "Segment 5 (Recovery Support Programme)")],
    )
    role = forms.ChoiceField(label="Role", required=False, choices=ANY + PostRole.choices)
    top_200 = forms.ChoiceField(
        label="National top-200 posts",
        required=False,
        choices=ANY + [("yes", "Top-200 posts only"), ("no", "Other posts only")],
    )
    band = forms.ChoiceField(label="Risk band", required=False, choices=ANY + RiskBand.choices)
    factor = forms.ChoiceField(
        label="Factor that applies",
        required=False,
        choices=ANY + [(factor.key, factor.label) for factor in scoring.FACTORS],
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in TABLE_SORTS], widget=forms.HiddenInput
    )
    order = forms.ChoiceField(
        required=False, choices=[("asc", "asc"), ("desc", "desc")], widget=forms.HiddenInput
    )

    def __init__(self, *args, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if national:
            # The regions organisations belong to: older data uses the regions before 2019.
            regions = Region.objects.filter(
                pk__in=Organisation.objects.exclude(region=None).values("region")
            ).order_by("short_name")
            self.fields["region"].choices = ANY + [(r.code, r.short_name) for r in regions]
        else:
            del self.fields["region"]
            del self.fields["organisation_kind"]
            del self.fields["segment"]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page draws the GET form and its buttons
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *[Field(name) for name in self.fields if name not in ("sort", "order")],
            "sort",
            "order",
        )

    def filters(self) -> RiskFilters:
        """What to show: a value that is not one of the choices (a hand-edited address) is
        ignored rather than an error, so the page always answers."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data  # only the fields whose values were valid
        sort = data.get("sort") or DEFAULT_SORT
        order = data.get("order") or ("desc" if sort in ("score", "assessed") else "asc")
        return RiskFilters(
            region=data.get("region", ""),
            organisation_kind=data.get("organisation_kind", ""),
            segment=data.get("segment", ""),
            role=data.get("role", ""),
            top_200=data.get("top_200", ""),
            band=data.get("band", ""),
            factor=data.get("factor", ""),
            sort=sort,
            descending=order == "desc",
        )


class RiskMethodForm(VersionedFormMixin, forms.Form):
    """The points of each factor and where the bands start: saving makes a new version."""

    high_from = forms.IntegerField(
        label="High risk from a score of",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the score where high risk starts",
            "invalid": "Enter a whole number from 1 to 100",
            "min_value": "Enter a whole number from 1 to 100",
            "max_value": "Enter a whole number from 1 to 100",
        },
    )
    medium_from = forms.IntegerField(
        label="Medium risk from a score of",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the score where medium risk starts",
            "invalid": "Enter a whole number from 1 to 100",
            "min_value": "Enter a whole number from 1 to 100",
            "max_value": "Enter a whole number from 1 to 100",
        },
    )
    takes_effect = forms.ChoiceField(
        label="When should scores use the new points?",
        choices=[
            (APPLY_NOW, "Now: recalculate every open post as soon as it is saved"),
            (NEXT_NIGHTLY, "From the next nightly run (02:00)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when scores should use the new points"},
    )
    reason = forms.CharField(
        label="Why are the points changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Kept with the new version, for everyone who reads a score made with it",
        error_messages={"required": "Say why the points are changing"},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        points_fields = []
        for factor in scoring.FACTORS:
            name = f"points_{factor.key}"
            self.fields[name] = forms.IntegerField(
                label=factor.label,
                min_value=0,
                max_value=100,
                error_messages={
                    "required": f"Enter the points for “{factor.label.lower()}” (0 to 100)",
                    "invalid": "Enter a whole number of points from 0 to 100",
                    "min_value": "Enter a whole number of points from 0 to 100",
                    "max_value": "Enter a whole number of points from 0 to 100",
                },
            )
            points_fields.append(Field(name, css_class="nhsuk-input--width-3", inputmode="numeric"))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Points for each factor", *points_fields),
            Fieldset(
                "Bands",
                Field("high_from", css_class="nhsuk-input--width-3", inputmode="numeric"),
                Field("medium_from", css_class="nhsuk-input--width-3", inputmode="numeric"),
            ),
            Field("reason", label_size="s"),
            Field("takes_effect", label_size="s"),
            "version",
            ButtonGroup(
                Submit("save", "Save as a new version"),
                ButtonLink("Cancel", cancel_url, css_class="secondary"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        high, medium = cleaned.get("high_from"), cleaned.get("medium_from")
        if high is not None and medium is not None and medium >= high:
            self.add_error(
                "medium_from", "Medium risk must start below the score where high risk starts"
            )
        return cleaned

    def points(self) -> dict[str, int]:
        return {factor.key: self.cleaned_data[f"points_{factor.key}"] for factor in scoring.FACTORS}

    @classmethod
    def initial_from(cls, method) -> dict:
        initial = {f"points_{key}": int(method.points.get(key, 0)) for key in scoring.FACTOR_KEYS}
        initial.update(
            high_from=method.high_from, medium_from=method.medium_from, version=method.version
        )
        return initial
