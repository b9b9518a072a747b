"""An empty value reads as nothing, or as "None recorded", never as the word None."""

import re

import pytest
from django.urls import reverse

from succession import services
from succession.models import PostRole
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

NONE_WORD = re.compile(r"(?<![\w-])None(?![\w-]| recorded)")


@pytest.fixture
def post(trust):
    """A post with every optional value empty: no holder, no review, a successor with no notes,
    a sign-off with no comment."""
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    services.nomination_add(
        plan=post.plan, person=PersonFactory(organisation=trust), readiness="ready_now"
    )
    post.plan.refresh_from_db()
    return post


def visible_nones(response) -> list[str]:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in NONE_WORD.finditer(text)]


@pytest.mark.parametrize("page", ["post_detail", "plan_manage", "plan_sign_off"])
def test_pages_with_empty_values_never_say_none(page, client_for, hr_director, chair, post):
    services.plan_sign_off(plan=post.plan, by=chair)
    user = chair if page == "plan_sign_off" else hr_director

    response = client_for(user).get(reverse(f"succession:{page}", args=[post.pk]))

    assert response.status_code == 200
    assert visible_nones(response) == []
