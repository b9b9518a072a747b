import factory

from accounts.models import Membership, Role, User
from tests.orgs.factories import NationalBodyFactory, OrganisationFactory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@nhs.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.HR_DIRECTOR


def user_with_role(role: str, organisation=None, **user_fields) -> User:
    """A user acting in `role` for `organisation` (a national body for national roles)."""
    if organisation is None:
        if role in (Role.NATIONAL_TALENT_TEAM, Role.PLEDGE_LEAD, Role.ADMINISTRATOR):
            organisation = NationalBodyFactory()
        else:
            organisation = OrganisationFactory()
    user = UserFactory(**user_fields)
    if role == Role.ADMINISTRATOR:
        user.is_staff = user.is_superuser = True
        user.save()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
