from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib.auth.forms import AuthenticationForm
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from core.forms import TextLimitsMixin


class SignInForm(TextLimitsMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["password"].label = "Password"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Sign in"))


class AdminSignInForm(TextLimitsMixin, OTPAdminAuthenticationForm):
    """The admin's sign-in: password and a one-time code. django-otp asks staff to pick which of
    their devices the code is from; someone with one device is not asked, the code is checked
    against that device (someone with several still picks, so no device is tried in vain)."""

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device
