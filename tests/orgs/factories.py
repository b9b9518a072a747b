import factory

from orgs.models import Organisation, OrganisationKind, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"Y{70 + n}")
    name = factory.LazyAttribute(lambda o: f"REGION {o.code} COMMISSIONING REGION")
    short_name = factory.LazyAttribute(lambda o: f"Region {o.code}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("ods_code",)

    ods_code = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"TEST HOSPITALS {n} NHS FOUNDATION TRUST")
    kind = OrganisationKind.ACUTE_TRUST
    is_foundation_trust = True
    region = factory.SubFactory(RegionFactory)


class NationalBodyFactory(OrganisationFactory):
    ods_code = factory.Sequence(lambda n: f"NB{n:02d}")
    name = factory.Sequence(lambda n: f"NATIONAL BODY {n}")
    kind = OrganisationKind.NATIONAL_BODY
    is_foundation_trust = False
    region = None
