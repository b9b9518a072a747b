from .navigation import navigation_for
from .roles import memberships_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    return {
        "navigation": navigation_for(user, request.path),
        "user_memberships": memberships_of(user),
    }
