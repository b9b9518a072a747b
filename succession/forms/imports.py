"""The bulk upload form: one file. What is in the file is checked by succession.imports."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from core.forms import ButtonGroup, Field, Form


class PostsUploadForm(Form):
    file = forms.FileField(
        label="2. Upload your spreadsheet",
        help_text="A CSV file (UTF-8) or an Excel workbook (.xlsx), up to 1 MB and 2,000 posts.",
        error_messages={
            "required": "Choose a CSV or Excel file to upload",
            "empty": "The file is empty.",
            "invalid": "Choose a CSV or Excel file to upload",
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.layout = Layout(
            Field("file", label_size="m", label_tag="h2"),
            ButtonGroup(Submit("upload", "Upload and check")),
        )
