from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET

from .forms import SignInForm
from .roles import memberships_of


@require_GET
def home(request):
    """The start page: who the user is signed in as, and for which organisations."""
    return render(request, "core/home.html", {"memberships": memberships_of(request.user)})


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST from the header's form; the session is flushed, not just forgotten."""
