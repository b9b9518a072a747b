"""Query-string filters for the people list (the name search is people_list's own, `q`)."""

import django_filters

from talent.models import Person


class PersonFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        field_name="organisation__ods_code",
        lookup_expr="iexact",
        label="The ODS code of the organisation that employs them",
    )

    class Meta:
        model = Person
        fields = ["organisation"]
