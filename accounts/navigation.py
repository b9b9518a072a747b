"""The header navigation: each entry names the roles that can use it. A later capability adds its
page here, and the navigation and the access tests pick it up."""

import re
from dataclasses import dataclass, field

from django.urls import reverse

from .models import Role
from .roles import roles_of

EVERYONE = frozenset(Role.values)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    # Pages under another item's address that belong to this one (regular expressions).
    also_current: tuple[str, ...] = field(default=())


NAVIGATION = [
    NavItem("Home", "home", EVERYONE),
    NavItem(
        "My organisation",
        "succession:my_organisation",
        frozenset({Role.HR_DIRECTOR, Role.CHAIR}),
        also_current=(r"^/organisations/[^/]+/posts/", r"^/posts/"),
    ),
    NavItem(
        "People",
        "talent:person_list",
        frozenset({Role.HR_DIRECTOR, Role.CHAIR, Role.NATIONAL_TALENT_TEAM}),
    ),
    NavItem(
        "Risk dashboard",
        "risk:dashboard",
        frozenset({Role.NATIONAL_TALENT_TEAM, Role.HR_DIRECTOR, Role.CHAIR}),
    ),
    NavItem(
        "Talent pool",
        "talent:pool_search",
        frozenset({Role.NATIONAL_TALENT_TEAM, Role.HR_DIRECTOR, Role.CHAIR}),
    ),
    NavItem(
        "Pipeline",
        "talent:pipeline",
        frozenset({Role.NATIONAL_TALENT_TEAM}),
        also_current=(r"^/talent-pool/pipeline/",),
    ),
    NavItem(
        "Equality",
        "talent:equality",
        frozenset({Role.NATIONAL_TALENT_TEAM}),
        also_current=(r"^/talent-pool/equality/",),
    ),
    NavItem("Organisations", "orgs:list", EVERYONE),
    NavItem("Pledge tracker", "pledges:tracker", EVERYONE),
    NavItem("Administration", "admin:index", frozenset({Role.ADMINISTRATOR})),
]


def navigation_for(user, current_path: str = "") -> list[dict]:
    roles = roles_of(user)
    visible = [item for item in NAVIGATION if roles & item.roles]
    claimed = next(
        (item for item in visible if any(re.match(p, current_path) for p in item.also_current)),
        None,
    )
    items = []
    for item in visible:
        url = reverse(item.url_name)
        if claimed is not None:
            is_current = item is claimed
        else:
            is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append(
            {"label": item.label, "url": url, "current": is_current, "name": item.url_name}
        )
    return items
