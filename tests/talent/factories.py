import factory

from talent.models import CareerHistoryEntry, Person, ProfessionalBackground, TalentProfile
from tests.orgs.factories import OrganisationFactory


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    work_email = factory.LazyAttributeSequence(
        lambda p, n: f"{p.first_name.lower()}.{p.last_name.lower()}{n}@nhs.example"
    )
    organisation = factory.SubFactory(OrganisationFactory)
    professional_background = ProfessionalBackground.CLINICAL


class TalentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentProfile
        django_get_or_create = ("person",)

    person = factory.SubFactory(PersonFactory)
    in_national_pool = True
    visible_to_other_organisations = True


class CareerHistoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerHistoryEntry

    person = factory.SubFactory(PersonFactory)
    organisation_name = "Another NHS organisation"
    title = "Deputy director of finance"


# --- The national talent pool ----------------------------------------------------------------

import datetime as dt  # noqa: E402

from talent.models import (  # noqa: E402
    Cohort,
    CohortMembership,
    Disability,
    EqualityRecord,
    Ethnicity,
    Programme,
    Readiness,  # noqa: E402
    Sex,
    TargetRoleReadiness,
)
from talent.services import pool as pool_services  # noqa: E402


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Programme {n}")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory, name="Aspiring Chief Executive")
    name = factory.Sequence(lambda n: f"{2020 + n} cohort")
    starts_on = dt.date(2025, 1, 15)


class CohortMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMembership

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(PersonFactory)
    joined_on = factory.SelfAttribute("cohort.starts_on")


class TargetRoleReadinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetRoleReadiness

    person = factory.SubFactory(PersonFactory)
    role = "chief_executive"
    readiness = Readiness.READY_NOW


class EqualityRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EqualityRecord

    person = factory.SubFactory(PersonFactory)
    ethnicity = Ethnicity.WHITE_BRITISH
    sex = Sex.FEMALE
    disability = Disability.NO


def pool_member(
    organisation=None,
    *,
    visible: bool = True,
    readiness: dict | None = None,
    performance: int | None = None,
    potential: int | None = None,
    regions=(),
    **person_fields,
):
    """A person in the national talent pool (agreed to be visible unless visible=False), with
    readiness for target roles ({"chief_executive": "ready_now"}) and, if given, an original
    nine-box placement and the regions they would work in."""
    fields = dict(person_fields)
    if organisation is not None:
        fields["organisation"] = organisation
    person = PersonFactory(**fields)
    profile = TalentProfileFactory(
        person=person,
        in_national_pool=True,
        joined_pool_on=dt.date(2024, 4, 1),
        visible_to_other_organisations=visible,
        consent_recorded_on=dt.date(2024, 4, 8) if visible else None,
        performance=performance,
        potential=potential,
    )
    profile.mobility_regions.set(regions)
    for role, value in (readiness or {}).items():
        TargetRoleReadinessFactory(person=person, role=role, readiness=value)
    return person


def aspirations_saved(person, aspirations: str, *, visible: bool = True):
    """Save a pool member's profile through the service, as the profile page does (so that its
    history records the change), keeping pool_member's dates and consent and setting aspirations."""
    return pool_services.talent_profile_save(
        person=person,
        expected_version=None,
        in_national_pool=True,
        joined_pool_on=dt.date(2024, 4, 1),
        left_pool_on=None,
        visible_to_other_organisations=visible,
        consent_recorded_on=dt.date(2024, 4, 8) if visible else None,
        aspirations=aspirations,
    )
