"""The organisation list's filters are the list page's own (orgs.filters): search by name or ODS
code (`q`), region code, kind, open or closed, and sort, so the API and the page agree."""

from orgs.filters import OrganisationFilter


class OrganisationApiFilter(OrganisationFilter):
    """The page's filters, unchanged; a class of its own so the API can differ if it must."""
