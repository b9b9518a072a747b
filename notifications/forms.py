"""How a user wants to hear of each kind of notification: one question per kind."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.forms import ButtonGroup, ButtonLink, Field, Form, Layout

from .models import Delivery


class PreferencesForm(Form):
    def __init__(self, *args, kinds: list[tuple[str, str]], initial_choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=initial_choices.get(kind, Delivery.EMAIL_NOW),
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose how to hear when {label[0].lower()}{label[1:]}",
                    "invalid_choice": "Choose email each time, a daily summary or the service only",
                },
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *[Field(kind, small=True, label_size="s") for kind, _ in kinds],
            ButtonGroup(
                Submit("save", "Save my choices"),
                ButtonLink("Cancel", "notifications:list", css_class="secondary"),
            ),
        )
