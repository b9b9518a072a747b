from django import forms


class VersionedFormMixin(forms.Form):
    """Carries the version of the post or plan the editor loaded, for the compare-and-swap."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
