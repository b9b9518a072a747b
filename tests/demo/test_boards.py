import datetime as dt
import hashlib
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from demo.boards import demo_data_load, demo_data_reset
from demo.constants import SIGNER_USERNAME_PREFIX
from orgs.models import Organisation, OrganisationKind, Region
from succession import services
from succession.history import post_history
from succession.models import (
    Incumbency,
    IncumbencyKind,
    Nomination,
    NominationStatus,
    Post,
    PostRole,
    Readiness,
    SignOff,
    SuccessionPlan,
)
from succession.selectors import MANY_NOMINATIONS, plan_sign_off_state
from talent.models import Person, TalentProfile
from tests.clock import NOW
from tests.orgs.factories import OrganisationFactory, RegionFactory
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory

TODAY = dt.date(2026, 11, 23)
EXECUTIVE = PostRole.executive_roles()


def organisations(*codes):
    return Organisation.objects.filter(ods_code__in=codes)


def a_few_organisations(trust=None):
    """Six trusts and three CCGs in two regions (and the demo trust, when given)."""
    north, south = RegionFactory(code="Y60"), RegionFactory(code="Y61")
    codes = [trust.ods_code] if trust else []
    for n in range(6):
        codes.append(
            OrganisationFactory(ods_code=f"RX{n}", region=north if n % 2 else south).ods_code
        )
    for n in range(3):
        ccg = OrganisationFactory(
            ods_code=f"0{n}C",
            name=f"NHS TEST {n} CCG",
            kind=OrganisationKind.CCG,
            is_foundation_trust=False,
            region=north,
        )
        codes.append(ccg.ods_code)
    return organisations(*codes)


def digest() -> str:
    """Everything a user would see of the demo data, without database ids."""
    lines = []
    for post in Post.objects.select_related("organisation", "plan").order_by(
        "organisation__ods_code", "title"
    ):
        lines.append(f"{post.organisation.ods_code}|{post.title}|{post.role}|{post.is_top_200}")
        for holding in post.incumbencies.select_related("person").order_by("started_on"):
            lines.append(
                f"  {holding.person.full_name}|{holding.kind}|{holding.started_on}|"
                f"{holding.ended_on}|{holding.expected_departure_on}|{holding.departure_reason}"
            )
        for nomination in post.plan.nominations.select_related("person").order_by(
            "status", "rank", "created_at"
        ):
            lines.append(
                f"  > {nomination.person.full_name}|{nomination.readiness}|{nomination.rank}|"
                f"{nomination.status}|{nomination.is_emergency_cover}|{nomination.created_at}"
            )
        for sign_off in post.plan.sign_offs.order_by("signed_at"):
            names = ",".join(entry["name"] for entry in sign_off.slate)
            lines.append(
                f"  signed {sign_off.signed_at}|{sign_off.signed_by.get_full_name()}|{names}"
            )
        lines.append(f"  reviewed {post.plan.last_reviewed_on}")
    lines += sorted(
        f"{p.full_name}|{p.work_email}|{p.professional_background}" for p in Person.objects.all()
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


# --- Deterministic, idempotent, reversible -----------------------------------------------------


@pytest.mark.django_db
def test_the_same_seed_loads_the_same_people_posts_and_plans_every_time(trust):
    chosen = a_few_organisations(trust)
    demo_data_load(organisations=chosen, today=TODAY)
    first = digest()

    demo_data_reset()
    assert not Post.objects.exists()
    demo_data_load(organisations=chosen, today=TODAY)

    assert digest() == first


@pytest.mark.django_db
def test_another_seed_loads_other_people():
    chosen = a_few_organisations()
    demo_data_load(organisations=chosen, today=TODAY)
    first = digest()
    demo_data_reset()

    demo_data_load(organisations=chosen, today=TODAY, seed=1)

    assert digest() != first


@pytest.mark.django_db
def test_an_organisations_board_does_not_depend_on_which_others_are_loaded():
    chosen = a_few_organisations()

    def board_of_rx1():
        return [
            (post.title, holder.person.full_name if holder else None)
            for post in Post.objects.filter(organisation__ods_code="RX1").order_by("title")
            for holder in [post.incumbencies.current().select_related("person").first()]
        ]

    demo_data_load(organisations=organisations("RX1"), today=TODAY)
    alone = board_of_rx1()
    demo_data_reset()
    demo_data_load(organisations=chosen, today=TODAY)

    assert board_of_rx1() == alone


@pytest.mark.django_db
def test_loading_twice_duplicates_nothing():
    chosen = a_few_organisations()
    first = demo_data_load(organisations=chosen, today=TODAY)
    counts = (Post.objects.count(), Person.objects.count(), Nomination.objects.count())

    second = demo_data_load(organisations=chosen, today=TODAY)

    assert (Post.objects.count(), Person.objects.count(), Nomination.objects.count()) == counts
    assert first.organisations == 9
    assert second.organisations == 0
    assert second.skipped_organisations == 9
    assert second.posts == second.people == second.nominations == 0


@pytest.mark.django_db
def test_an_organisation_that_already_has_posts_is_left_alone():
    chosen = a_few_organisations()
    own_post = make_post(Organisation.objects.get(ods_code="RX2"), title="Chief executive")

    summary = demo_data_load(organisations=chosen, today=TODAY)

    assert summary.skipped_organisations == 1
    assert list(Post.objects.filter(organisation__ods_code="RX2")) == [own_post]


@pytest.mark.django_db
def test_reset_removes_the_demo_data_and_leaves_everything_else():
    chosen = a_few_organisations()
    outsider = OrganisationFactory(ods_code="RZZ")
    own_post = make_post(outsider, title="Chief executive")
    own_person = PersonFactory(organisation=outsider)
    services.nomination_add(plan=own_post.plan, person=own_person, readiness=Readiness.READY_NOW)
    demo_data_load(organisations=chosen, today=TODAY)
    assert SignOff.objects.exists()

    demo_data_reset()

    assert list(Post.objects.all()) == [own_post]
    assert list(Person.objects.all()) == [own_person]
    assert Nomination.objects.count() == 1
    assert not SignOff.objects.exists()
    assert not TalentProfile.objects.exists()
    assert not get_user_model().objects.filter(username__startswith=SIGNER_USERNAME_PREFIX).exists()
    assert Post.history.filter(id=own_post.pk).exists()
    assert not Post.history.exclude(id=own_post.pk).exists()


@pytest.mark.django_db
def test_reset_also_clears_the_talent_pool_demo_and_the_risk_scores_that_point_at_it():
    from demo.talent_pool import talent_demo_load
    from risk.models import LatestRisk, RiskAssessment
    from risk.recalculation import recalculate_all
    from talent.models import CohortMembership, EqualityRecord

    demo_data_load(organisations=a_few_organisations(), today=TODAY)
    talent_demo_load(today=TODAY)
    recalculate_all()
    assert CohortMembership.objects.exists()
    assert EqualityRecord.objects.exists()
    assert LatestRisk.objects.exists()

    demo_data_reset()

    assert not Post.objects.exists()
    assert not Person.objects.exists()
    assert not CohortMembership.objects.exists()
    assert not EqualityRecord.objects.exists()
    assert not LatestRisk.objects.exists()
    assert not RiskAssessment.objects.exists()


# --- National shape (250 trusts, as the national programme has about 240) ---------------------


@pytest.fixture(scope="class")
def national(django_db_setup, django_db_blocker):
    """250 trusts and 30 CCGs with demo data, loaded once for the class and removed after it."""
    # Class scope starts before the suite's per-test stopped clock: stop it here too.
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        regions = [RegionFactory(code=f"Y{80 + n}") for n in range(7)]
        for n in range(250):
            OrganisationFactory(
                ods_code=f"R{n:03d}",
                kind=OrganisationKind.ACUTE_TRUST
                if n % 5
                else OrganisationKind.MENTAL_HEALTH_TRUST,
                region=regions[n % 7],
            )
        for n in range(30):
            OrganisationFactory(
                ods_code=f"{n:02d}X",
                name=f"NHS TEST {n} CCG",
                kind=OrganisationKind.CCG,
                is_foundation_trust=False,
                region=regions[n % 7],
            )
        summary = demo_data_load(today=TODAY)
        yield summary
        demo_data_reset()
        created = list(Organisation.objects.filter(region__in=regions).values_list("id", flat=True))
        Organisation.objects.filter(id__in=created).delete()
        Organisation.history.filter(id__in=created).delete()  # deleting records history too
        Region.objects.filter(pk__in=[region.pk for region in regions]).delete()


@pytest.mark.slow
@pytest.mark.xdist_group("national-shape")
class TestTheNationalShape:
    """250 trusts and 30 CCGs, loaded once for the class (the national programme had about
    240 trusts): the shape of the data at national scale."""

    @pytest.mark.django_db
    def test_a_trust_board_has_about_thirteen_posts(self, national):
        per_trust = (
            Post.objects.filter(organisation__kind__in=OrganisationKind.trust_kinds())
            .values("organisation")
            .annotate(posts=Count("id"))
        )
        sizes = [row["posts"] for row in per_trust]

        assert len(sizes) == 250
        assert 12.3 <= sum(sizes) / len(sizes) <= 13.7
        assert min(sizes) >= 11
        assert max(sizes) <= 15

    @pytest.mark.django_db
    def test_every_trust_board_has_the_six_executive_directors_and_a_chair(self, national):
        trust = Organisation.objects.get(ods_code="R042")
        roles = set(trust.posts.values_list("role", flat=True))

        assert {
            PostRole.CHIEF_EXECUTIVE,
            PostRole.FINANCE_DIRECTOR,
            PostRole.MEDICAL_DIRECTOR,
            PostRole.CHIEF_NURSE,
            PostRole.CHIEF_OPERATING_OFFICER,
            PostRole.DIRECTOR_OF_WORKFORCE,
            PostRole.CHAIR,
            PostRole.NON_EXECUTIVE_DIRECTOR,
        } <= roles

    @pytest.mark.django_db
    def test_a_ccg_has_an_accountable_officer_a_finance_officer_and_a_chair(self, national):
        roles = list(Organisation.objects.get(ods_code="07X").posts.values_list("role", flat=True))

        assert {PostRole.ACCOUNTABLE_OFFICER, PostRole.FINANCE_DIRECTOR, PostRole.CHAIR} <= set(
            roles
        )
        assert 6 <= len(roles) <= 11

    @pytest.mark.django_db
    def test_about_two_hundred_posts_are_top_200_mostly_chief_executives(self, national):
        top = Post.objects.filter(is_top_200=True)
        chief_executives = top.filter(role=PostRole.CHIEF_EXECUTIVE).count()

        assert national.top_200_posts == top.count() == 200
        assert chief_executives > 100
        assert top.filter(role=PostRole.FINANCE_DIRECTOR).exists()
        assert top.filter(role=PostRole.CHAIR).exists()
        assert top.filter(role=PostRole.ACCOUNTABLE_OFFICER).exists()

    @pytest.mark.django_db
    def test_about_eight_percent_of_executive_posts_are_vacant_or_interim(self, national):
        executive = Post.objects.filter(role__in=EXECUTIVE)
        held = Incumbency.objects.current().filter(post__in=executive)
        vacant = executive.exclude(pk__in=held.values("post_id")).count()
        interim = held.exclude(kind=IncumbencyKind.SUBSTANTIVE).count()

        share = (vacant + interim) / executive.count()
        assert 0.05 <= share <= 0.12
        assert vacant and interim

    @pytest.mark.django_db
    def test_about_fifteen_percent_of_holders_are_expected_to_leave_within_two_years(
        self, national
    ):
        current = Incumbency.objects.current()
        leaving = current.filter(expected_departure_on__lte=TODAY + dt.timedelta(days=730))

        assert 0.1 <= leaving.count() / current.count() <= 0.2
        assert not leaving.filter(departure_reason="").exists()

    @pytest.mark.django_db
    def test_every_post_has_a_succession_plan(self, national):
        assert not Post.objects.filter(plan__isnull=True).exists()
        assert SuccessionPlan.objects.count() == Post.objects.count() == national.posts

    @pytest.mark.django_db
    def test_some_people_are_named_on_three_or_more_slates(self, national):
        widely = Person.objects.annotate(
            slates=Count("nominations", filter=Q(nominations__status=NominationStatus.ACTIVE))
        ).filter(slates__gte=MANY_NOMINATIONS)

        assert widely.count() >= 20

    @pytest.mark.django_db
    def test_slates_have_up_to_four_names_and_many_posts_have_nobody_ready_now(self, national):
        active = Q(plan__nominations__status=NominationStatus.ACTIVE)
        posts = Post.objects.annotate(
            slate=Count("plan__nominations", filter=active),
            ready_now=Count(
                "plan__nominations",
                filter=active & Q(plan__nominations__readiness=Readiness.READY_NOW),
            ),
        )

        assert max(posts.values_list("slate", flat=True)) <= 4
        assert posts.filter(slate=0).exists()
        assert posts.filter(slate=4).exists()
        assert posts.filter(ready_now=0).count() > posts.count() / 2

    @pytest.mark.django_db
    def test_about_six_in_ten_executive_posts_have_emergency_cover(self, national):
        executive = Post.objects.filter(role__in=EXECUTIVE)
        covered = executive.filter(
            plan__nominations__status=NominationStatus.ACTIVE,
            plan__nominations__is_emergency_cover=True,
        ).count()

        assert 0.5 <= covered / executive.count() <= 0.7

    @pytest.mark.django_db
    def test_a_tenth_of_people_are_in_the_pool_and_most_of_them_are_visible(self, national):
        pool = TalentProfile.objects.filter(in_national_pool=True)
        visible = pool.filter(visible_to_other_organisations=True)

        assert 0.07 <= pool.count() / Person.objects.count() <= 0.13
        assert visible.count() / pool.count() >= 0.75
        assert not visible.filter(consent_recorded_on=None).exists()

    @pytest.mark.django_db
    def test_pool_members_named_by_other_organisations_agreed_to_be_seen(self, national):
        across = (
            Nomination.objects.active()
            .exclude(person__organisation=None)
            .exclude(person__organisation=F("plan__post__organisation"))
        )

        assert across.exists()
        assert not across.exclude(
            person__talent_profile__in_national_pool=True,
            person__talent_profile__visible_to_other_organisations=True,
        ).exists()

    @pytest.mark.django_db
    def test_history_goes_back_years_with_churn_and_stale_reviews(self, national):
        ended = Incumbency.objects.exclude(ended_on=None)
        churned = (
            Incumbency.objects.filter(
                kind=IncumbencyKind.SUBSTANTIVE, started_on__gte=TODAY - dt.timedelta(days=5 * 365)
            )
            .values("post")
            .annotate(holders=Count("person", distinct=True))
            .filter(holders__gte=3)
        )
        stale = SuccessionPlan.objects.filter(last_reviewed_on__lt=TODAY - dt.timedelta(days=365))

        assert ended.filter(started_on__lt=TODAY - dt.timedelta(days=5 * 365)).exists()
        assert churned.exists()
        assert stale.exists()
        assert SignOff.objects.filter(signed_at__date__lt=TODAY - dt.timedelta(days=365)).exists()
        assert Person.objects.filter(career_history__isnull=False).distinct().count() > 1000


# --- The demo accounts' trust ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_trust_shows_every_situation_the_service_is_for(trust):
    demo_data_load(organisations=a_few_organisations(trust), today=TODAY)
    posts = {post.role: post for post in trust.posts.exclude(role=PostRole.NON_EXECUTIVE_DIRECTOR)}

    def holder(role):
        return posts[role].incumbencies.current().first()

    assert holder(PostRole.CHIEF_OPERATING_OFFICER) is None
    assert (
        posts[PostRole.CHIEF_OPERATING_OFFICER]
        .plan.nominations.active()
        .filter(is_emergency_cover=True)
        .exists()
    )
    assert holder(PostRole.FINANCE_DIRECTOR).kind == IncumbencyKind.INTERIM
    medical = posts[PostRole.MEDICAL_DIRECTOR].plan.nominations.active()
    assert medical.count() >= 2
    assert not medical.filter(readiness=Readiness.READY_NOW).exists()
    assert plan_sign_off_state(posts[PostRole.CHIEF_EXECUTIVE].plan).changed_since_sign_off
    assert holder(PostRole.CHIEF_EXECUTIVE).expected_departure_on is not None
    nurse_plan = posts[PostRole.CHIEF_NURSE].plan
    assert nurse_plan.last_reviewed_on < TODAY - dt.timedelta(days=365)
    widely = Person.objects.filter(organisation=trust).annotate(
        slates=Count("nominations", filter=Q(nominations__status=NominationStatus.ACTIVE))
    )
    assert widely.filter(slates__gte=MANY_NOMINATIONS).exists()
    assert posts[PostRole.CHIEF_EXECUTIVE].is_top_200
    slates = Nomination.objects.active().filter(plan__post__organisation=trust)
    assert max(slates.values("plan").annotate(n=Count("id")).values_list("n", flat=True)) <= 4


@pytest.mark.django_db
def test_the_demo_chair_and_hr_director_hold_their_posts_at_the_demo_trust(trust):
    demo_data_load(organisations=organisations(trust.ods_code), today=TODAY)

    chair = Incumbency.objects.current().get(post__organisation=trust, post__role=PostRole.CHAIR)
    workforce = Incumbency.objects.current().get(
        post__organisation=trust, post__role=PostRole.DIRECTOR_OF_WORKFORCE
    )

    assert chair.person.full_name == "Charles Ashworth"
    assert workforce.person.full_name == "Helen Reid"


@pytest.mark.django_db
def test_the_chairs_own_account_signs_off_when_it_already_exists(trust, chair):
    chair.first_name, chair.last_name = "Charles", "Ashworth"
    chair.save()

    demo_data_load(organisations=organisations(trust.ods_code), today=TODAY)

    signers = set(SignOff.objects.values_list("signed_by__username", flat=True))
    assert "carol" in signers


# --- The data works with the rest of the service -----------------------------------------------


@pytest.mark.django_db
def test_a_demo_post_tells_its_story_in_plain_words(trust):
    demo_data_load(organisations=organisations(trust.ods_code), today=TODAY)
    post = trust.posts.get(role=PostRole.CHIEF_EXECUTIVE)

    texts = [entry.text for entry in post_history(post)]

    assert any("as substantive holder from" in text for text in texts)
    assert any(text.startswith("Nominated ") for text in texts)
    assert any("readiness from" in text for text in texts)


@pytest.mark.django_db
def test_demo_plans_can_be_changed_through_the_services_at_their_version(trust):
    demo_data_load(organisations=organisations(trust.ods_code), today=TODAY)
    post = trust.posts.get(role=PostRole.CHIEF_EXECUTIVE)
    loaded = post.plan.version
    nomination = post.plan.nominations.active().first()

    services.nomination_update(
        nomination=nomination,
        readiness=Readiness.READY_NOW,
        notes="Reviewed",
        expected_version=loaded,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.nomination_update(
            nomination=nomination,
            readiness=Readiness.READY_NOW,
            notes="Again",
            expected_version=loaded,
        )

    assert any(f"notes on {nomination.person.full_name}" in c.text for c in conflict.value.changes)


@pytest.mark.django_db
def test_scale_two_gives_each_organisation_a_second_numbered_board():
    chosen = a_few_organisations()
    one = demo_data_load(organisations=chosen, today=TODAY)
    demo_data_reset()

    two = demo_data_load(organisations=chosen, today=TODAY, scale=2)

    assert Post.objects.filter(title="Chief executive (board 2)").count() == 6
    assert 1.8 <= two.posts / one.posts <= 2.2
    assert 1.7 <= two.people / one.people <= 2.3
    assert 1.6 <= two.nominations / one.nominations <= 2.4
    assert two.top_200_posts == one.top_200_posts


@pytest.mark.django_db
def test_a_scale_below_one_loads_a_share_of_the_organisations(trust):
    chosen = a_few_organisations(trust)

    summary = demo_data_load(organisations=chosen, today=TODAY, scale=0.3)

    assert summary.organisations == 3
    assert trust.posts.exists()


# --- The command -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_loads_a_limited_number_of_organisations_and_prints_a_summary(trust):
    a_few_organisations(trust)
    out = StringIO()

    call_command("load_demo_data", "--organisations", "2", "--force", stdout=out)

    assert Post.objects.values("organisation").distinct().count() == 2
    assert trust.posts.exists()
    assert "Organisations: 2 loaded" in out.getvalue()
    assert "top-200" in out.getvalue()
    assert "vacant or interim" in out.getvalue()


@pytest.mark.django_db
def test_the_command_resets_first_when_asked(trust):
    a_few_organisations(trust)
    call_command("load_demo_data", "--organisations", "1", "--force", stdout=StringIO())
    first = digest()

    out = StringIO()
    call_command("load_demo_data", "--organisations", "1", "--force", "--reset", stdout=out)

    assert "Deleted the demo data" in out.getvalue()
    assert "Organisations: 1 loaded" in out.getvalue()
    assert Post.objects.count() == trust.posts.count()
    assert digest() == first


@pytest.mark.django_db
def test_the_command_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_data", stdout=StringIO())

    assert not Post.objects.exists()
