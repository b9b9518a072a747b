"""Lists take the same number of queries however many rows a page has (no query per row)."""

import pytest

from succession import services
from talent.models import PostRole, Readiness
from tests.queries import assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


def add_posts_with_holders_and_slates(trust, count):
    for number in range(count):
        post = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {number} of {count}")
        IncumbencyFactory(post=post)
        for _ in range(2):
            post.plan.refresh_from_db()
            successor = PersonFactory(organisation=trust)
            services.nomination_add(plan=post.plan, person=successor, readiness=Readiness.READY_NOW)


@pytest.mark.parametrize(
    "url", ["/api/posts/", "/api/plans/", "/api/nominations/", "/api/incumbencies/", "/api/people/"]
)
def test_a_list_does_not_take_a_query_per_row(api, hr_director, trust, url):
    alice = api(hr_director)
    add_posts_with_holders_and_slates(trust, 1)
    alice.get(url)  # the session and memberships, once
    with count_queries() as few:
        assert alice.get(url).status_code == 200

    add_posts_with_holders_and_slates(trust, 4)

    with assert_query_count(few):
        assert alice.get(url).status_code == 200
