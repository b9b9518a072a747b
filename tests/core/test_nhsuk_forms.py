"""The "nhsuk" crispy-forms template pack (templates/nhsuk/, core/templatetags/nhsuk.py).

These check what people and screen readers rely on, against nhsuk-frontend 10's markup: every
input has a label, hints and errors are tied to inputs by aria-describedby, the error summary links
to the inputs, radios and checkboxes sit in a fieldset with a legend, and answers are kept after an
error."""

import datetime
from html.parser import HTMLParser

import pytest
from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.template import Context, Template
from django.urls import reverse

from core.forms import ButtonGroup, ButtonLink, DateField, Field, Fieldset
from tests.accounts.factories import PASSWORD, UserFactory

# --- A small HTML tree, enough to ask "which element has this id?" --------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = {name: ("" if value is None else value) for name, value in attrs}
        self.parent = parent
        self.children = []
        self.content = []  # text and child elements, in document order

    @property
    def classes(self):
        return self.attrs.get("class", "").split()

    @property
    def text(self):
        parts = [c if isinstance(c, str) else c.text for c in self.content]
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            el
            for el in self.iter()
            if (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
            and all(el.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def by_id(self, id_):
        return self.find(id=id_)

    def closest(self, tag=None, cls=None):
        node = self.parent
        while node is not None:
            if (tag is None or node.tag == tag) and (cls is None or cls in node.classes):
                return node
            node = node.parent
        return None

    def described_by(self):
        return self.attrs.get("aria-describedby", "").split()


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.content.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(str(html))
    return builder.root


# --- Forms -----------------------------------------------------------------------------------
READINESS = [("now", "Ready now"), ("later", "Ready in 1 to 2 years")]
SKILLS = [("finance", "Finance"), ("clinical", "Clinical leadership")]


class EveryFieldForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As it appears on their contract")
    email = forms.EmailField(label="Work email address", required=False)
    band = forms.ChoiceField(label="Agenda for Change band", choices=[("8a", "8a"), ("9", "9")])
    readiness = forms.ChoiceField(
        label="How ready are they?",
        widget=forms.RadioSelect,
        choices=READINESS,
        help_text="Select one option",
    )
    skills = forms.MultipleChoiceField(
        label="Skills", widget=forms.CheckboxSelectMultiple, choices=SKILLS, required=False
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=500, required=False)
    cv = forms.FileField(label="Upload a CV", required=False)
    started = DateField(label="Date they started", help_text="For example, 27 3 2024")
    consent = forms.BooleanField(label="They agreed to be in the talent pool")
    step = forms.CharField(widget=forms.HiddenInput, initial="1")
    password = forms.CharField(label="Password", widget=forms.PasswordInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Save"))


VALID = {
    "name": "Ada Lovelace",
    "band": "9",
    "readiness": "now",
    "started_day": "27",
    "started_month": "3",
    "started_year": "2024",
    "consent": "on",
    "step": "1",
}


def render(template, **context):
    return Template("{% load crispy_forms_tags nhsuk %}" + template).render(Context(context))


def crispy(form, **context):
    return parse(render("{% crispy form %}", form=form, **context))


def invalid_form(**overrides):
    data = {
        "name": "",
        "email": "not-an-email",
        "band": "9",
        "readiness": "",
        "skills": ["clinical"],
        "notes": "Strong finance background",
        "started_day": "27",
        "started_month": "",
        "started_year": "2024",
        "step": "1",
        "password": "secret-value",
    }
    data.update(overrides)
    form = EveryFieldForm(data=data)
    assert not form.is_valid()
    return form


def summary_links(page):
    summary = page.find("div", cls="nhsuk-error-summary")
    return [a.attrs["href"] for a in summary.find_all("a")] if summary else []


# --- Labels and hints ------------------------------------------------------------------------
def test_every_visible_input_has_a_label_pointing_at_it():
    page = crispy(EveryFieldForm())
    controls = [
        el
        for el in page.find_all()
        if el.tag in ("input", "select", "textarea") and el.attrs.get("type") != "hidden"
    ]

    assert len(controls) >= 12
    for control in controls:
        labels = page.find_all("label", **{"for": control.attrs["id"]})
        assert len(labels) == 1, control.attrs
        assert labels[0].text


def test_labels_use_the_nhsuk_label_class():
    page = crispy(EveryFieldForm())

    label = page.find("label", **{"for": "id_name"})

    assert label.classes == ["nhsuk-label"]
    assert label.text == "Full name"


def test_a_hint_is_tied_to_its_input_by_aria_describedby():
    page = crispy(EveryFieldForm())
    name = page.by_id("id_name")
    hint = page.by_id("id_name-hint")

    assert "nhsuk-hint" in hint.classes
    assert hint.text == "As it appears on their contract"
    assert name.described_by() == ["id_name-hint"]


def test_an_input_without_hint_or_error_has_no_aria_describedby():
    page = crispy(EveryFieldForm())

    assert "aria-describedby" not in page.by_id("id_email").attrs
    assert "aria-describedby" not in page.by_id("id_band").attrs


def test_optional_fields_say_so_in_their_label_and_required_fields_do_not():
    page = crispy(EveryFieldForm())

    assert page.find("label", **{"for": "id_email"}).text == "Work email address (optional)"
    assert page.find("label", **{"for": "id_name"}).text == "Full name"
    assert "required" not in page.find("label", **{"for": "id_name"}).text.lower()
    assert page.by_id("id_skills_0").closest("fieldset").find("legend").text == "Skills (optional)"


def test_the_optional_marker_can_be_turned_off_with_the_helper():
    form = EveryFieldForm()
    form.helper.show_optional = False

    page = crispy(form)

    assert page.find("label", **{"for": "id_email"}).text == "Work email address"


def test_hiding_labels_keeps_them_for_screen_readers():
    form = EveryFieldForm()
    form.helper.form_show_labels = False

    label = crispy(form).find("label", **{"for": "id_name"})

    assert "nhsuk-u-visually-hidden" in label.classes


# --- Inputs ----------------------------------------------------------------------------------
def test_text_inputs_selects_and_textareas_get_the_nhsuk_classes():
    page = crispy(EveryFieldForm())

    assert page.by_id("id_name").classes == ["nhsuk-input"]
    assert page.by_id("id_band").classes == ["nhsuk-select"]
    assert page.by_id("id_band").tag == "select"
    assert "nhsuk-textarea" in page.by_id("id_notes").classes


def test_extra_classes_from_the_layout_are_kept_after_the_nhsuk_ones():
    form = EveryFieldForm()
    form.helper.layout = Layout(Field("name", css_class="nhsuk-input--width-20"))

    page = crispy(form)

    assert page.by_id("id_name").classes == ["nhsuk-input", "nhsuk-input--width-20"]


def test_a_type_given_in_the_layout_replaces_the_inputs_type_rather_than_repeating_it():
    form = EveryFieldForm()
    form.helper.layout = Layout(Field("name", type="search", spellcheck="false"))

    html = render("{% crispy form %}", form=form)
    name = parse(html).by_id("id_name")

    assert name.attrs["type"] == "search"
    assert name.attrs["spellcheck"] == "false"
    assert html.count(' type="') == html.count("<input") + html.count("<button")


def test_radios_sit_in_a_fieldset_whose_legend_asks_the_question():
    page = crispy(EveryFieldForm())
    first = page.by_id("id_readiness_0")
    fieldset = first.closest("fieldset")

    assert "nhsuk-fieldset" in fieldset.classes
    assert fieldset.find("legend").text == "How ready are they?"
    assert "nhsuk-fieldset__legend" in fieldset.find("legend").classes
    assert fieldset.described_by() == ["id_readiness-hint"]
    assert first.closest("div", cls="nhsuk-radios").attrs["data-module"] == "nhsuk-radios"
    radios = fieldset.find_all("input", type="radio")
    assert [r.attrs["value"] for r in radios] == ["now", "later"]
    for radio in radios:
        assert radio.classes == ["nhsuk-radios__input"]
        label = fieldset.find("label", **{"for": radio.attrs["id"]})
        assert label.classes == ["nhsuk-label", "nhsuk-radios__label"]


def test_checkboxes_sit_in_a_fieldset_with_a_legend():
    page = crispy(EveryFieldForm())
    fieldset = page.by_id("id_skills_0").closest("fieldset")

    assert fieldset.find("legend").text == "Skills (optional)"
    boxes = fieldset.find_all("input", type="checkbox")
    assert [b.attrs["id"] for b in boxes] == ["id_skills_0", "id_skills_1"]
    assert all(b.classes == ["nhsuk-checkboxes__input"] for b in boxes)
    assert fieldset.find("label", **{"for": "id_skills_1"}).text == "Clinical leadership"


def test_a_blank_choice_is_not_drawn_as_a_radio():
    class Form(forms.Form):
        answer = forms.ChoiceField(
            widget=forms.RadioSelect, choices=[("", "---------"), ("yes", "Yes")]
        )

    page = parse(render("{{ form|crispy }}", form=Form()))

    assert [r.attrs["value"] for r in page.find_all("input", type="radio")] == ["yes"]


def test_inline_radios_use_the_inline_modifier():
    form = EveryFieldForm()
    form.helper.layout = Layout(InlineRadios("readiness"))

    radios = crispy(form).find("div", cls="nhsuk-radios")

    assert radios.classes == ["nhsuk-radios", "nhsuk-radios--inline"]


def test_a_single_checkbox_is_drawn_as_an_nhsuk_checkbox_with_its_label():
    page = crispy(EveryFieldForm())
    box = page.by_id("id_consent")

    assert box.attrs["type"] == "checkbox"
    assert box.classes == ["nhsuk-checkboxes__input"]
    assert "nhsuk-checkboxes__item" in box.parent.classes
    assert page.find("label", **{"for": "id_consent"}).text == (
        "They agreed to be in the talent pool"
    )


def test_the_date_input_has_a_labelled_box_each_for_day_month_and_year():
    page = crispy(EveryFieldForm())
    date_input = page.by_id("id_started")
    fieldset = date_input.closest("fieldset")

    assert "nhsuk-date-input" in date_input.classes
    assert fieldset.attrs["role"] == "group"
    assert fieldset.find("legend").text == "Date they started"
    assert fieldset.described_by() == ["id_started-hint"]
    for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)):
        box = page.by_id(f"id_started_{part}")
        assert box.attrs["name"] == f"started_{part}"
        assert box.attrs["inputmode"] == "numeric"
        assert f"nhsuk-input--width-{width}" in box.classes
        assert "nhsuk-date-input__input" in box.classes
        assert page.find("label", **{"for": f"id_started_{part}"}).text == label


def test_file_inputs_use_the_file_upload_component():
    page = crispy(EveryFieldForm())
    cv = page.by_id("id_cv")
    group = cv.closest("div", cls="nhsuk-form-group")

    assert cv.attrs["type"] == "file"
    assert cv.classes == ["nhsuk-file-upload__input"]
    assert "nhsuk-file-upload" in group.classes
    assert group.attrs["data-module"] == "nhsuk-file-upload"


def test_a_form_with_a_file_field_is_sent_as_multipart():
    form = crispy(EveryFieldForm()).find("form")

    assert form.attrs["enctype"] == "multipart/form-data"


def test_passwords_use_the_password_input_component_with_a_show_button():
    page = crispy(EveryFieldForm())
    password = page.by_id("id_password")
    group = password.closest("div", cls="nhsuk-form-group")
    toggle = group.find("button")

    assert password.attrs["type"] == "password"
    assert "nhsuk-password-input__input" in password.classes
    assert group.attrs["data-module"] == "nhsuk-password-input"
    assert toggle.attrs["type"] == "button"
    assert toggle.attrs["aria-controls"] == "id_password"
    assert toggle.attrs["aria-label"] == "Show password"


def test_a_textarea_with_a_maximum_length_gets_a_character_count_instead_of_maxlength():
    page = crispy(EveryFieldForm())
    notes = page.by_id("id_notes")
    group = notes.closest("div", cls="nhsuk-form-group")

    assert group.attrs["data-module"] == "nhsuk-character-count"
    assert group.attrs["data-maxlength"] == "500"
    assert "maxlength" not in notes.attrs
    assert "nhsuk-js-character-count" in notes.classes
    assert notes.described_by() == ["id_notes-info"]
    assert page.by_id("id_notes-info").text == "You can enter up to 500 characters"


def test_hidden_fields_are_hidden_inputs_without_labels_or_form_groups():
    page = crispy(EveryFieldForm())
    step = page.by_id("id_step")

    assert step.attrs["type"] == "hidden"
    assert page.find("label", **{"for": "id_step"}) is None
    assert step.closest("div", cls="nhsuk-form-group") is None


# --- The form and its buttons ----------------------------------------------------------------
def test_the_helper_draws_a_post_form_with_novalidate_and_a_csrf_token():
    page = crispy(EveryFieldForm(), csrf_token="token-123")
    form = page.find("form")

    assert form.attrs["method"] == "post"
    assert "novalidate" in form.attrs
    assert form.find("input", name="csrfmiddlewaretoken").attrs["value"] == "token-123"


def test_form_tag_false_leaves_the_form_element_to_the_page():
    form = EveryFieldForm()
    form.helper.form_tag = False

    assert crispy(form).find("form") is None


def test_submit_inputs_are_nhsuk_buttons():
    button = crispy(EveryFieldForm()).find("button", name="save")

    assert button.classes == ["nhsuk-button"]
    assert button.attrs["type"] == "submit"
    assert button.attrs["data-module"] == "nhsuk-button"
    assert button.text == "Save"
    assert "nhsuk-button-group" in button.parent.classes


@pytest.mark.parametrize(
    ("css_class", "expected"),
    [
        ("secondary", ["nhsuk-button", "nhsuk-button--secondary"]),
        ("warning", ["nhsuk-button", "nhsuk-button--warning"]),
        ("secondary small", ["nhsuk-button", "nhsuk-button--secondary", "nhsuk-button--small"]),
        ("nhsuk-button--reverse", ["nhsuk-button", "nhsuk-button--reverse"]),
    ],
)
def test_a_buttons_css_class_chooses_its_nhsuk_variant(css_class, expected):
    form = EveryFieldForm()
    form.helper.inputs = [Submit("go", "Go", css_class=css_class)]

    assert crispy(form).find("button", name="go").classes == expected


def test_layout_objects_draw_fieldsets_headings_and_button_groups():
    form = EveryFieldForm()
    form.helper.form_tag = False
    form.helper.layout = Layout(
        Field("name", label_size="l", label_tag="h1"),
        Fieldset("Contact details", "email", "band"),
        ButtonGroup(Submit("save", "Save"), ButtonLink("Cancel", "home", css_class="secondary")),
    )

    page = crispy(form)

    heading = page.find("label", **{"for": "id_name"}).parent
    assert heading.tag == "h1"
    assert heading.classes == ["nhsuk-label-wrapper"]
    assert "nhsuk-label--l" in page.find("label", **{"for": "id_name"}).classes
    fieldset = page.by_id("id_email").closest("fieldset")
    assert fieldset.find("legend").text == "Contact details"
    assert "nhsuk-fieldset__legend--m" in fieldset.find("legend").classes
    group = page.find("div", cls="nhsuk-button-group")
    assert group.find("button").text == "Save"
    link = group.find("a")
    assert link.attrs["href"] == reverse("home")
    assert link.classes == ["nhsuk-button", "nhsuk-button--secondary"]
    assert link.attrs["role"] == "button"


def test_a_fieldset_legend_is_text_not_template_code():
    form = EveryFieldForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(Fieldset("Move {{ form.name.name }} & <b>O'Neill</b>", "email"))

    html = render("{% crispy form %}", form=form)

    legend = parse(html).by_id("id_email").closest("fieldset").find("legend")
    assert legend.text == "Move {{ form.name.name }} & <b>O'Neill</b>"
    assert "<b>" not in html


# --- Errors ----------------------------------------------------------------------------------
def test_an_unbound_form_has_no_error_summary_or_error_styles():
    html = render("{% crispy form %}", form=EveryFieldForm())

    assert "nhsuk-error-summary" not in html
    assert "--error" not in html
    assert "aria-invalid" not in html


def test_the_error_summary_follows_the_nhsuk_pattern():
    page = crispy(invalid_form())
    summary = page.find("div", cls="nhsuk-error-summary")

    assert summary.attrs["data-module"] == "nhsuk-error-summary"
    assert summary.attrs["tabindex"] == "-1"
    alert = summary.find(role="alert")
    assert alert.find("h2", cls="nhsuk-error-summary__heading").text == "There is a problem"
    assert alert.find("ul", cls="nhsuk-error-summary__list") is not None
    assert summary.closest("form") is not None


def test_the_error_summary_links_every_field_error_to_its_input():
    page = crispy(invalid_form())

    assert summary_links(page) == [
        "#id_name",
        "#id_email",
        "#id_readiness_0",
        "#id_started_month",
        "#id_consent",
    ]
    for href in summary_links(page):
        assert page.by_id(href[1:]) is not None, href


def test_summary_links_carry_the_error_messages():
    page = crispy(invalid_form())
    summary = page.find("div", cls="nhsuk-error-summary")

    texts = [a.text for a in summary.find_all("a")]

    assert "Enter a valid email address." in texts
    assert "Date they started must include a month" in texts


def test_a_field_in_error_shows_its_message_with_a_hidden_error_prefix():
    page = crispy(invalid_form())
    name = page.by_id("id_name")
    message = page.by_id("id_name-error")

    assert "nhsuk-form-group--error" in name.closest("div", cls="nhsuk-form-group").classes
    assert message.tag == "span"
    assert "nhsuk-error-message" in message.classes
    prefix = message.find("span", cls="nhsuk-u-visually-hidden")
    assert prefix.text == "Error:"
    assert message.text == "Error: This field is required."
    assert name.classes == ["nhsuk-input", "nhsuk-input--error"]
    assert name.described_by() == ["id_name-hint", "id_name-error"]
    assert name.attrs["aria-invalid"] == "true"


def test_selects_and_textareas_in_error_get_their_own_error_classes():
    page = crispy(invalid_form(band="10", notes="x" * 501))

    assert page.by_id("id_band").classes == ["nhsuk-select", "nhsuk-select--error"]
    assert "nhsuk-textarea--error" in page.by_id("id_notes").classes
    assert page.by_id("id_notes").described_by() == ["id_notes-info", "id_notes-error"]


def test_radios_in_error_are_described_by_the_message_through_their_fieldset():
    page = crispy(invalid_form())
    fieldset = page.by_id("id_readiness_0").closest("fieldset")

    assert fieldset.described_by() == ["id_readiness-hint", "id_readiness-error"]
    assert page.by_id("id_readiness-error").closest("fieldset") is fieldset
    assert "nhsuk-form-group--error" in fieldset.parent.classes


def test_a_date_with_a_missing_part_marks_only_that_part():
    page = crispy(invalid_form())
    fieldset = page.by_id("id_started").closest("fieldset")

    assert fieldset.described_by() == ["id_started-hint", "id_started-error"]
    assert "nhsuk-input--error" in page.by_id("id_started_month").classes
    assert "nhsuk-input--error" not in page.by_id("id_started_day").classes
    assert "nhsuk-input--error" not in page.by_id("id_started_year").classes


def test_an_impossible_date_marks_every_part_and_links_to_the_day():
    page = crispy(invalid_form(started_day="31", started_month="2"))

    assert "#id_started_day" in summary_links(page)
    for part in ("day", "month", "year"):
        assert "nhsuk-input--error" in page.by_id(f"id_started_{part}").classes


def test_what_the_user_typed_is_shown_again_after_an_error():
    page = crispy(invalid_form(name="Ada <Lovelace>", readiness="later"))

    assert page.by_id("id_name").attrs["value"] == "Ada <Lovelace>"
    assert page.by_id("id_email").attrs["value"] == "not-an-email"
    assert page.by_id("id_band").find("option", value="9").attrs.get("selected") is not None
    assert "checked" in page.by_id("id_readiness_1").attrs
    assert "checked" not in page.by_id("id_readiness_0").attrs
    assert "checked" in page.by_id("id_skills_1").attrs
    assert page.by_id("id_notes").text == "Strong finance background"
    assert page.by_id("id_started_day").attrs["value"] == "27"
    assert page.by_id("id_started_year").attrs["value"] == "2024"
    assert "value" not in page.by_id("id_started_month").attrs


def test_typed_values_are_escaped_when_shown_again():
    html = render("{% crispy form %}", form=invalid_form(name='"><script>alert(1)</script>'))

    assert "<script>" not in html


def test_a_password_is_never_shown_again():
    page = crispy(invalid_form())

    assert "value" not in page.by_id("id_password").attrs


def test_errors_for_the_whole_form_are_listed_without_a_link():
    class Form(EveryFieldForm):
        def clean(self):
            raise forms.ValidationError("These details match a leader already in the pool")

    form = Form(data=VALID)
    assert not form.is_valid()
    summary = crispy(form).find("div", cls="nhsuk-error-summary")

    items = summary.find_all("li")
    assert [li.text for li in items] == ["These details match a leader already in the pool"]
    assert items[0].find("a") is None


def test_errors_on_hidden_fields_are_listed_without_a_link():
    form = EveryFieldForm(data={**VALID, "step": ""})
    assert not form.is_valid()

    summary = crispy(form).find("div", cls="nhsuk-error-summary")

    assert summary.find("a") is None
    assert "This field is required." in summary.text


def test_the_crispy_filter_also_shows_the_error_summary():
    page = parse(render("<form>{{ form|crispy }}</form>", form=invalid_form()))

    assert len(page.find_all("div", cls="nhsuk-error-summary")) == 1
    assert summary_links(page)[0] == "#id_name"
    assert page.by_id("id_name-error") is not None


def test_one_summary_can_cover_several_forms_and_the_forms_do_not_repeat_it():
    class OtherForm(forms.Form):
        reason = forms.CharField(label="Reason")

    other = OtherForm(data={}, prefix="other")
    assert not other.is_valid()
    html = render(
        "{% nhsuk_error_summary form other %}{% crispy form %}{{ other|crispy }}",
        form=invalid_form(),
        other=other,
    )
    page = parse(html)

    assert len(page.find_all("div", cls="nhsuk-error-summary")) == 1
    assert summary_links(page)[0] == "#id_name"
    assert summary_links(page)[-1] == "#id_other-reason"


def test_the_error_summary_tag_draws_nothing_for_valid_or_unbound_forms():
    valid = EveryFieldForm(data=VALID)
    assert valid.is_valid(), valid.errors

    assert render("{% nhsuk_error_summary form other %}", form=valid, other=EveryFieldForm()) == ""


def test_a_formset_has_one_summary_for_all_its_forms():
    class LeaderForm(forms.Form):
        name = forms.CharField(label="Name")

    formset_class = forms.formset_factory(LeaderForm, extra=0)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-name": "",
        "form-1-name": "",
    }
    formset = formset_class(data=data)
    assert not formset.is_valid()
    formset.helper = FormHelper()
    page = parse(render("{% crispy formset formset.helper %}", formset=formset))

    assert len(page.find_all("div", cls="nhsuk-error-summary")) == 1
    assert summary_links(page) == ["#id_form-0-name", "#id_form-1-name"]
    assert page.find("input", name="form-TOTAL_FORMS") is not None


def test_a_table_formset_labels_each_input_for_screen_readers():
    class LeaderForm(forms.Form):
        name = forms.CharField(label="Name")
        band = forms.ChoiceField(label="Band", choices=[("8a", "8a"), ("9", "9")])

    formset = forms.formset_factory(LeaderForm, extra=2)()
    helper = FormHelper()
    helper.template = "nhsuk/table_inline_formset.html"
    page = parse(render("{% crispy formset helper %}", formset=formset, helper=helper))

    table = page.find("table", cls="nhsuk-table")
    assert [th.text for th in table.find_all("th")] == ["Name", "Band"]
    label = table.find("label", **{"for": "id_form-1-name"})
    assert "nhsuk-u-visually-hidden" in label.classes
    assert table.by_id("id_form-1-band").tag == "select"


def test_a_file_already_uploaded_is_linked_and_can_be_removed_when_optional():
    class StoredFile:
        url = "/media/cv.pdf"

        def __str__(self):
            return "cv.pdf"

    class Form(forms.Form):
        cv = forms.FileField(label="CV", required=False)

    page = parse(render("{{ form|crispy }}", form=Form(initial={"cv": StoredFile()})))

    assert page.find("a", href="/media/cv.pdf").text == "cv.pdf"
    clear = page.by_id("cv-clear_id")
    assert clear.attrs["name"] == "cv-clear"
    assert page.find("label", **{"for": "cv-clear_id"}).text == "Remove the current file (cv.pdf)"
    assert page.by_id("id_cv").classes == ["nhsuk-file-upload__input"]


def test_a_single_field_can_be_drawn_with_the_as_crispy_field_filter():
    page = parse(render("{{ form.name|as_crispy_field }}", form=invalid_form()))

    assert page.by_id("id_name-error") is not None
    assert page.find("div", cls="nhsuk-error-summary") is None


# --- The date field --------------------------------------------------------------------------
class DateForm(forms.Form):
    started = DateField(label="Date they started")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date they started"),
        ("", "3", "2024", "Date they started must include a day"),
        ("27", "", "", "Date they started must include a month and year"),
        ("31", "2", "2024", "Date they started must be a real date"),
        ("a", "3", "2024", "Date they started must be a real date"),
        ("27", "3", "24", "Year must include 4 numbers"),
    ],
)
def test_the_date_field_explains_what_is_wrong(day, month, year, message):
    form = DateForm(data={"started_day": day, "started_month": month, "started_year": year})

    assert not form.is_valid()
    assert form.errors["started"] == [message]


class QuestionDateForm(forms.Form):
    happened = DateField(label="When did it happen?", described_as="the date it happened")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date it happened"),
        ("14", "", "2026", "The date it happened must include a month"),
        ("30", "2", "2026", "The date it happened must be a real date"),
    ],
)
def test_a_date_asked_as_a_question_is_named_in_messages_as_described(day, month, year, message):
    form = QuestionDateForm(
        data={"happened_day": day, "happened_month": month, "happened_year": year}
    )

    assert not form.is_valid()
    assert form.errors["happened"] == [message]


def test_the_date_field_reads_day_month_and_year():
    form = DateForm(data={"started_day": "7", "started_month": "03", "started_year": "2024"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["started"] == datetime.date(2024, 3, 7)


def test_the_date_input_shows_an_initial_date_in_its_boxes():
    page = parse(render("{{ form|crispy }}", form=DateForm(initial={"started": "2024-03-07"})))

    assert page.by_id("id_started_day").attrs["value"] == "7"
    assert page.by_id("id_started_month").attrs["value"] == "3"
    assert page.by_id("id_started_year").attrs["value"] == "2024"


# --- The sign-in page ------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_sign_in_page_is_drawn_with_the_nhsuk_pack(client):
    page = parse(client.get(reverse("accounts:login")).content.decode())
    form = page.find("form", novalidate="")

    assert form is not None
    assert form.attrs["method"] == "post"
    assert page.find("label", **{"for": "id_username"}).text == "Username"
    assert page.find("label", **{"for": "id_password"}).text == "Password"
    assert page.by_id("id_username").classes == ["nhsuk-input"]
    assert form.find("button", type="submit").classes == ["nhsuk-button"]
    assert page.find("div", cls="nhsuk-error-summary") is None


@pytest.mark.django_db
def test_a_wrong_password_shows_an_error_summary_and_keeps_the_username(client):
    user = UserFactory()

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD + "x"}
    )

    assert response.status_code == 200
    page = parse(response.content.decode())
    summary = page.find("div", cls="nhsuk-error-summary")
    assert summary is not None
    assert summary.find(role="alert").find("h2").text == "There is a problem"
    assert len(summary.find_all("li")) == 1
    assert summary.find("a") is None  # a wrong password is the whole form's error
    assert page.by_id("id_username").attrs["value"] == user.username
    assert "value" not in page.by_id("id_password").attrs


@pytest.mark.django_db
def test_an_empty_sign_in_links_each_missing_answer_to_its_input(client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})

    page = parse(response.content.decode())
    assert summary_links(page) == ["#id_username", "#id_password"]
    assert page.by_id("id_username").described_by() == ["id_username-error"]
