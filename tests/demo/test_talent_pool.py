"""The talent pool's demo data: loaded on top of the demo boards, safe to load twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from demo.accounts import EQUALITY_ANALYST
from demo.boards import demo_data_load, demo_data_reset
from demo.talent_pool import talent_demo_load, talent_demo_reset
from talent.models import (
    CalibrationSession,
    CohortMembership,
    DevelopmentActivity,
    EqualityRecord,
    NineBoxPlacement,
    Person,
    TalentProfile,
    TargetRoleReadiness,
)
from tests.demo.test_boards import a_few_organisations
from tests.orgs.factories import NationalBodyFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            TargetRoleReadiness,
            NineBoxPlacement,
            CohortMembership,
            CalibrationSession,
            DevelopmentActivity,
            EqualityRecord,
        )
    }


@pytest.fixture
def demo_world(trust):
    NationalBodyFactory(ods_code="X24", name="NHS ENGLAND")
    demo_data_load(organisations=a_few_organisations(trust), today=TODAY)


def test_the_demo_gives_the_pool_readiness_nine_box_cohorts_sessions_and_equality_answers(
    demo_world,
):
    summary = talent_demo_load(today=TODAY)

    in_pool = TalentProfile.objects.filter(in_national_pool=True)
    assert summary.readiness > 0 and TargetRoleReadiness.objects.exists()
    assert not in_pool.filter(performance__isnull=True).exists()
    assert not in_pool.filter(mobility_regions__isnull=True).exists()
    assert CohortMembership.objects.exists()
    assert set(CalibrationSession.objects.values_list("status", flat=True)) <= {"open", "closed"}
    assert EqualityRecord.objects.count() > 0.9 * Person.objects.count()


def test_loading_the_demo_twice_adds_nothing(demo_world):
    talent_demo_load(today=TODAY)
    first = counts()

    again = talent_demo_load(today=TODAY)

    assert counts() == first
    assert again.readiness == again.placements == again.equality_records == 0


def test_the_equality_analyst_is_the_only_demo_account_with_the_equality_permission(demo_world):
    talent_demo_load(today=TODAY)
    analyst = User.objects.get(username=EQUALITY_ANALYST)

    assert analyst.has_perm("talent.see_person_equality")
    holders = User.objects.filter(user_permissions__codename="view_equality_data")
    assert list(holders) == [analyst]


def test_the_command_loads_and_says_what_it_did(demo_world, settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("load_talent_demo_data", stdout=out)

    assert "Equality monitoring answers" in out.getvalue()
    assert EQUALITY_ANALYST in out.getvalue()


def test_the_talent_demo_reset_lets_the_succession_demo_reset_delete_its_people(demo_world):
    talent_demo_load(today=TODAY)

    talent_demo_reset()
    demo_data_reset()

    assert not Person.objects.exists()
    assert not EqualityRecord.objects.exists()


def test_the_demo_pages_open_for_the_national_team(demo_world, client):
    talent_demo_load(today=TODAY)
    client.force_login(User.objects.get(username=EQUALITY_ANALYST))
    member = TalentProfile.objects.filter(in_national_pool=True).first().person
    session = CalibrationSession.objects.first()

    for url in (
        reverse("talent:pool_search"),
        reverse("talent:pool_profile", args=[member.pk]),
        reverse("talent:calibration_list"),
        reverse("talent:calibration_session", args=[session.pk]) if session else "/",
        reverse("talent:pipeline"),
        reverse("talent:equality"),
    ):
        assert client.get(url).status_code == 200, url
    assert "Figures published on 23 November 2026" in client.get(reverse("talent:equality")).text
