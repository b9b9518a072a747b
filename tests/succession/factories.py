import datetime as dt

import factory

from succession import services
from succession.models import Incumbency, IncumbencyKind, Nomination
from talent.models import PostRole, Readiness
from tests.orgs.factories import OrganisationFactory
from tests.talent.factories import PersonFactory


def make_post(organisation=None, role=PostRole.CHIEF_EXECUTIVE, title=None, **fields):
    """A post made the way the service makes them (with its plan)."""
    organisation = organisation or OrganisationFactory()
    return services.post_create(
        organisation=organisation,
        role=role,
        title=title or f"{PostRole(role).label}, {organisation.display_name}",
        **fields,
    )


class PostFactory(factory.django.DjangoModelFactory):
    """Use make_post() unless you need factory-boy's declarations: this one also makes the plan."""

    class Meta:
        model = "succession.Post"

    organisation = factory.SubFactory(OrganisationFactory)
    role = PostRole.CHIEF_EXECUTIVE
    title = factory.LazyAttribute(lambda p: f"{PostRole(p.role).label}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_post(**kwargs)


class IncumbencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incumbency

    post = factory.SubFactory(PostFactory)
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..post.organisation")
    )
    kind = IncumbencyKind.SUBSTANTIVE
    started_on = dt.date(2022, 4, 1)


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    plan = factory.LazyAttribute(lambda n: PostFactory().plan)
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..plan.post.organisation")
    )
    readiness = Readiness.READY_NOW
    rank = factory.Sequence(lambda n: n + 1)
