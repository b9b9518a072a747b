"""The oversight segment upload form: a CSV file and the framework its segments belong to. What
is in the file is checked by orgs.importers and orgs.services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from core.forms import ButtonGroup, Field, Form

from .models import OversightFramework

MAX_BYTES = 1_000_000


class SegmentsUploadForm(Form):
    framework = forms.ChoiceField(
        label="Framework",
        choices=OversightFramework.choices,
        initial=OversightFramework.NOF_2025,
        help_text="The 2025/26 framework has segments 1 to 5; the 2019 framework had 1 to 4.",
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="Segment list",
        help_text="A CSV file (UTF-8), up to 1 MB, with the header code,segment,date.",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The file is empty",
            "invalid": "Choose a CSV file to upload",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.layout = Layout(
            Field("framework", label_size="s"),
            Field("file", label_size="s"),
            ButtonGroup(Submit("upload", "Upload segments")),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_000_000:.1f} MB: it must be 1 MB or smaller"
            )
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as 'CSV UTF-8' and upload it again"
            ) from None
        return upload
