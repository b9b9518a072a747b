"""The shared page components: status tags, back links, pagination and the form-page layout."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from core.templatetags.status import STATUS_TAGS, status_tag_context
from pledges.models import PledgeStatus, Rag, ReportStatus
from risk.models import RiskBand
from succession.models import IncumbencyKind, PostRole
from talent.models import CalibrationStatus, DevelopmentStatus
from tests.succession.factories import make_post

# The tag colours nhsuk-frontend 10 draws (node_modules/nhsuk-frontend/dist/nhsuk/components/tag).
NHSUK_TAG_COLOURS = {
    "white",
    "grey",
    "green",
    "aqua-green",
    "blue",
    "purple",
    "pink",
    "red",
    "orange",
    "yellow",
}


def render(source, context=None, request=None):
    return Template(source).render(Context({"request": request, **(context or {})}))


# --- Status tags -----------------------------------------------------------------------------
def every_tag():
    return [(kind, value) for kind, tags in STATUS_TAGS.items() for value in tags]


@pytest.mark.parametrize(("kind", "value"), every_tag())
def test_every_status_has_an_nhsuk_tag_colour_and_words(kind, value):
    tag = status_tag_context(kind, value)

    assert tag["colour"] in NHSUK_TAG_COLOURS
    assert tag["text"].strip()


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("rag", Rag),
        ("pledge", PledgeStatus),
        ("report", ReportStatus),
        ("development", DevelopmentStatus),
        ("calibration", CalibrationStatus),
    ],
)
def test_a_status_kind_has_a_tag_for_every_value_in_the_words_the_model_uses(kind, choices):
    for value, label in choices.choices:
        assert status_tag_context(kind, value)["text"] == label


def test_every_risk_band_and_every_holder_who_is_not_substantive_has_a_tag():
    assert set(RiskBand.values) <= set(STATUS_TAGS["risk"])
    assert set(IncumbencyKind.values) - {"substantive"} <= set(STATUS_TAGS["post"])


def test_a_status_tag_is_a_strong_nhsuk_tag_with_its_colour_and_words():
    html = render('{% load status %}{% status_tag "rag" "amber" %}')

    assert html == '<strong class="nhsuk-tag nhsuk-tag--orange">Amber</strong>'


def test_a_status_tag_says_its_hidden_words_only_to_screen_readers():
    html = render('{% load status %}{% status_tag "post" "top_200" %}')

    assert html == (
        '<strong class="nhsuk-tag nhsuk-tag--blue">Top 200<span class="nhsuk-u-visually-hidden">'
        ": one of the national top-200 posts</span></strong>"
    )


def test_an_unknown_value_is_a_grey_tag_with_the_value_in_words():
    html = render('{% load status %}{% status_tag "report" "sent_elsewhere" %}')

    assert html == '<strong class="nhsuk-tag nhsuk-tag--grey">Sent elsewhere</strong>'


def test_an_unknown_kind_or_an_empty_value_is_a_grey_tag_rather_than_an_error():
    assert render('{% load status %}{% status_tag "no_such_kind" "open" %}') == (
        '<strong class="nhsuk-tag nhsuk-tag--grey">Open</strong>'
    )
    assert render('{% load status %}{% status_tag "pledge" missing %}') == (
        '<strong class="nhsuk-tag nhsuk-tag--grey">Not known</strong>'
    )


def test_a_count_goes_into_the_words_of_the_tag():
    def tag(kind, value, count):
        return render(
            "{% load status %}{% status_tag kind value count=count %}",
            {"kind": kind, "value": value, "count": count},
        )

    assert tag("rag", "red", 3) == '<strong class="nhsuk-tag nhsuk-tag--red">Red: 3</strong>'
    assert tag("rag", "red", 0) == '<strong class="nhsuk-tag nhsuk-tag--red">Red</strong>'
    assert ">1 open report<" in tag("pledge_flag", "open_reports", 1)
    assert ">2 open reports<" in tag("pledge_flag", "open_reports", 2)
    assert ">Named for 4 posts<" in tag("nomination", "widely_nominated", 4)


def test_a_detail_follows_the_words_of_the_tag():
    html = render('{% load status %}{% status_tag "calibration" "closed" detail="3 Nov 2026" %}')

    assert html == '<strong class="nhsuk-tag nhsuk-tag--grey">Closed 3 Nov 2026</strong>'


def test_the_words_of_a_tag_are_escaped():
    html = render('{% load status %}{% status_tag "report" value %}', {"value": "<b>x</b>"})

    assert "<b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_a_risk_band_is_its_status_tag_and_a_post_not_scored_is_not_assessed():
    assert render("{% load risk %}{% risk_band 'high' %}") == (
        '<strong class="nhsuk-tag nhsuk-tag--red">High'
        '<span class="nhsuk-u-visually-hidden"> risk</span></strong>'
    )
    assert render("{% load risk %}{% risk_band '' %}") == (
        '<span class="nhsuk-u-secondary-text-colour">Not assessed</span>'
    )


# --- Back links ------------------------------------------------------------------------------
def test_a_back_link_goes_to_its_address_with_its_words():
    html = render(
        '{% load nhsuk %}{% back_link url "#report-" pk %}Back to the pledge{% endback_link %}',
        {"url": "/pledges/4/", "pk": 12},
    )

    assert html == '<a class="nhsuk-back-link" href="/pledges/4/#report-12">Back to the pledge</a>'


def test_a_back_link_keeps_a_visually_hidden_part_and_escapes_what_users_typed():
    html = render(
        "{% load nhsuk %}{% back_link url %}Back"
        '<span class="nhsuk-u-visually-hidden"> to {{ name }}</span>{% endback_link %}',
        {"url": "/people/1/", "name": "O'Neill <script>"},
    )

    assert html == (
        '<a class="nhsuk-back-link" href="/people/1/">Back<span class="nhsuk-u-visually-hidden">'
        " to O&#x27;Neill &lt;script&gt;</span></a>"
    )


def test_a_back_link_with_no_words_says_back():
    html = render("{% load nhsuk %}{% back_link '/risk/' %}{% endback_link %}")

    assert html == '<a class="nhsuk-back-link" href="/risk/">Back</a>'


def test_a_back_link_needs_an_address():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load nhsuk %}{% back_link %}Back{% endback_link %}")


# --- Pagination ------------------------------------------------------------------------------
def page_of(number, items=100, per_page=10):
    return Paginator(range(items), per_page).get_page(number)


def test_a_list_of_one_page_has_no_pagination():
    request = RequestFactory().get("/people/")

    html = render("{% load nhsuk %}{% pagination page %}", {"page": page_of(1, 5)}, request)

    assert html.strip() == ""


def test_pagination_links_each_page_keeping_the_search_and_filters():
    request = RequestFactory().get("/people/", {"q": "Smith", "organisation": "7", "page": "5"})

    html = render("{% load nhsuk %}{% pagination page %}", {"page": page_of(5)}, request)

    assert '<nav class="nhsuk-pagination nhsuk-pagination--numbered"' in html
    assert (
        'href="?q=Smith&amp;organisation=7&amp;page=4" class="nhsuk-pagination__previous"' in html
    )
    assert 'href="?q=Smith&amp;organisation=7&amp;page=6" class="nhsuk-pagination__next"' in html
    links = re.findall(r'aria-label="Page (\d+)"( aria-current="page")?', html)
    assert [number for number, _ in links] == ["1", "4", "5", "6", "10"]
    assert [number for number, current in links if current] == ["5"]
    assert html.count("nhsuk-pagination__item--ellipsis") == 2


def test_the_first_page_has_no_previous_link_and_the_last_no_next():
    request = RequestFactory().get("/organisations/")

    first = render("{% load nhsuk %}{% pagination page %}", {"page": page_of(1)}, request)
    last = render("{% load nhsuk %}{% pagination page %}", {"page": page_of(10)}, request)

    assert "nhsuk-pagination__previous" not in first
    assert 'href="?page=2" class="nhsuk-pagination__next"' in first
    assert "nhsuk-pagination__next" not in last
    assert 'href="?page=9" class="nhsuk-pagination__previous"' in last


# --- The form page ---------------------------------------------------------------------------
class NameForm(forms.Form):
    name = forms.CharField(label="Name")


FORM_PAGE = (
    '{% extends "layouts/form_page.html" %}'
    "{% block caption %}{{ caption }}{% endblock %}"
    "{% block heading %}Change the name{% endblock %}"
    "{% block before_form %}<p>Before the form</p>{% endblock %}"
    "{% block form %}<p>The form</p>{% endblock %}"
)


def test_a_form_page_puts_the_error_summary_first_then_caption_heading_and_form(rf):
    request = rf.get("/")
    html = render(FORM_PAGE, {"form": NameForm(data={}), "caption": "Chief executive"}, request)
    main = html[html.index('<main class="nhsuk-main-wrapper"') :]

    order = [
        main.index('class="nhsuk-error-summary"'),
        main.index('<span class="nhsuk-caption-l">Chief executive</span>'),
        main.index("<h1>Change the name</h1>"),
        main.index("<p>Before the form</p>"),
        main.index("<p>The form</p>"),
    ]
    assert order == sorted(order)
    assert '<a href="#id_name">' in main


def test_a_form_page_without_a_caption_or_errors_draws_neither(rf):
    html = render(FORM_PAGE, {"form": NameForm(), "caption": ""}, rf.get("/"))

    assert "nhsuk-caption-l" not in html
    assert "nhsuk-error-summary" not in html
    assert "<h1>Change the name</h1>" in html


# --- On the service's pages -----------------------------------------------------------------
@pytest.mark.django_db
def test_a_post_form_page_has_its_back_link_error_summary_caption_and_heading_in_order(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive", is_top_200=True)
    url = reverse("succession:post_edit", args=[post.pk])

    data = {
        "title": "",
        "role": post.role,
        "criticality": post.criticality,
        "version": post.version,
    }

    html = client_for(hr_director).post(url, data).content.decode()

    back = f'<a class="nhsuk-back-link" href="{reverse("succession:post_detail", args=[post.pk])}">'
    order = [
        html.index(back + "Back to Chief Executive</a>"),
        html.index('class="nhsuk-error-summary"'),
        html.index(f'<span class="nhsuk-caption-l">{escape(trust.display_name)}</span>'),
        html.index("<h1>Change the post’s details</h1>"),
        html.index('<form method="post"'),
    ]
    assert order == sorted(order)


@pytest.mark.django_db
def test_the_post_page_draws_its_statuses_as_tags(client_for, hr_director, trust):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive", is_top_200=True)

    html = client_for(hr_director).get(reverse("succession:post_detail", args=[post.pk])).text

    assert '<strong class="nhsuk-tag nhsuk-tag--red">Vacant</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">Top 200<span' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--red">No emergency cover</strong>' in html


# --- Hand-written copies cannot come back ----------------------------------------------------
TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Where a component's markup may be written out, and why.
ALLOWED = {
    'nhsuk-back-link"': {"components/back_link.html"},
    "nhsuk-pagination": {"components/pagination.html"},
    "nhsuk-tag": {
        "components/status_tag.html",
        # The phase banner's tag is part of that component, not a status.
        "components/phase_banner.html",
        # The heat map's cells are shades of a count (risk.selectors.HEAT_CLASSES), not statuses.
        "risk/dashboard/_heat_map.html",
    },
}


def written_out(markup):
    return sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if markup in path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("markup", sorted(ALLOWED))
def test_no_template_writes_out_a_shared_component_by_hand(markup):
    assert sorted(set(written_out(markup)) - ALLOWED[markup]) == [], (
        "draw it with {% status_tag %}, {% back_link %} or {% pagination %}"
    )
