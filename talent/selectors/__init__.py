"""Reads for people, scoped to the user by organisation_scope: HR directors and chairs see their
own organisations' people; the national talent team sees everyone. What people hold and are
nominated for (posts, slates) is read in succession.selectors.people."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404

from accounts.roles import organisation_scope
from orgs.models import Organisation
from talent.models import CareerHistoryEntry, Person


def people_visible_to(user) -> QuerySet[Person]:
    return organisation_scope(user).narrow(Person.objects.all())


def person_for_user(*, user, pk: int) -> Person:
    return get_object_or_404(people_visible_to(user).select_related("organisation"), pk=pk)


def people_matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """`people` whose full name or surname contains `query`, or whose work email is `query`."""
    query = " ".join(query.split())
    if not query:
        return people
    return people.annotate(full_name_search=Concat("first_name", Value(" "), "last_name")).filter(
        Q(full_name_search__icontains=query)
        | Q(last_name__icontains=query)
        | Q(work_email__iexact=query)
    )


def organisations_with_people_visible_to(user) -> QuerySet[Organisation]:
    """The organisations the people list can be narrowed to."""
    visible = people_visible_to(user).exclude(organisation=None).values("organisation_id")
    return Organisation.objects.filter(pk__in=visible).order_by("name")


def person_career_history(person: Person) -> list[CareerHistoryEntry]:
    return list(
        person.career_history.select_related("organisation").order_by(
            F("started_on").desc(nulls_last=True), "-pk"
        )
    )


def interim_candidates(
    *, user, organisation: Organisation | None, appointee: Person
) -> QuerySet[Person]:
    """People of an organisation, as far as the user may see them, who could hold a post the
    appointee leaves for the time being (never the appointee)."""
    if organisation is None:
        return Person.objects.none()
    return (
        people_visible_to(user)
        .filter(organisation=organisation)
        .exclude(pk=appointee.pk)
        .order_by("last_name", "first_name")
    )
