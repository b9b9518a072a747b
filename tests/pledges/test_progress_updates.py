"""Progress updates: a pledge lead submits one each quarter; once submitted it never changes, and a
correction is a new update that names the one it corrects."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse

from pledges import selectors
from pledges.models import ProgressUpdate, Rag
from tests.clock import TODAY
from tests.pages import date_fields, text_of

from .factories import make_update
from .helpers import url

pytestmark = pytest.mark.django_db

QUARTER_START = TODAY - dt.timedelta(days=91)
QUARTER_END = TODAY - dt.timedelta(days=1)


def update_form(**overrides) -> dict:
    data = {
        **date_fields("period_start", QUARTER_START),
        **date_fields("period_end", QUARTER_END),
        "rag": Rag.AMBER,
        "narrative": "Three of four regions now run oversight meetings to the charter.",
        "evidence_links": "https://www.england.nhs.uk/publication/board-paper/\n\n",
    }
    data.update(overrides)
    return data


def test_a_pledge_lead_adds_a_quarterly_update_and_the_tracker_shows_its_rag(
    client_for, pledge_lead, pledge
):
    client = client_for(pledge_lead)

    form_page = text_of(client.get(url("update_add", pledge.pk)))
    response = client.post(url("update_add", pledge.pk), update_form())

    assert "Updates cannot be changed" in form_page
    update = ProgressUpdate.objects.get()
    assert response.status_code == 302
    assert response.url == url("pledge_detail", pledge.pk) + f"#update-{update.pk}"
    assert update.submitted_by == pledge_lead
    assert update.evidence_links == ["https://www.england.nhs.uk/publication/board-paper/"]
    page = text_of(client.get(response.url))
    assert f"Progress from {QUARTER_START:%-d %B %Y} to {QUARTER_END:%-d %B %Y}" in page
    assert "Three of four regions now run oversight meetings to the charter." in page
    assert f"{TODAY:%-d %B %Y} by {pledge_lead.get_full_name()}" in page
    tracker = client.get(url("tracker")).content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--orange">Amber</strong>' in tracker


def test_an_update_with_a_period_that_ends_before_it_starts_is_refused_at_the_field(
    client_for, pledge_lead, pledge
):
    response = client_for(pledge_lead).post(
        url("update_add", pledge.pk),
        update_form(**date_fields("period_end", QUARTER_START - dt.timedelta(days=1))),
    )

    assert "The end of the period must be on or after its start" in text_of(response)
    assert "Three of four regions" in text_of(response)
    assert not ProgressUpdate.objects.exists()


def test_an_update_needs_a_rag_status_a_narrative_and_real_web_addresses(
    client_for, pledge_lead, pledge
):
    response = client_for(pledge_lead).post(
        url("update_add", pledge.pk),
        update_form(rag="", narrative="", evidence_links="see the board paper"),
    )

    page = text_of(response)
    assert "Choose red, amber or green" in page
    assert "Enter what progress was made in the period" in page
    assert "Line 1 is not a web address" in page
    assert not ProgressUpdate.objects.exists()


def test_a_trust_user_cannot_add_a_progress_update(client_for, hr_director, pledge):
    response = client_for(hr_director).post(url("update_add", pledge.pk), update_form())

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


# --- Once submitted, an update cannot be altered ----------------------------------------------


def test_an_update_has_no_address_to_change_or_delete_it(pledge, pledge_lead, client_for):
    update = make_update(pledge, by=pledge_lead)
    client = client_for(pledge_lead)

    for name in ("update_edit", "update_delete", "update_detail"):
        with pytest.raises(NoReverseMatch):
            reverse(f"pledges:{name}", args=[pledge.pk, update.pk])
    for path in ("edit/", "delete/", ""):
        address = f"/pledges/{pledge.pk}/updates/{update.pk}/{path}"
        assert client.get(address).status_code == 404
        assert client.post(address, update_form(rag=Rag.GREEN)).status_code == 404
    update.refresh_from_db()
    assert update.rag == Rag.GREEN


def test_an_update_refuses_to_be_saved_again_changed_in_bulk_or_deleted(pledge, pledge_lead):
    update = make_update(pledge, by=pledge_lead, rag=Rag.RED)

    update.rag = Rag.GREEN
    with pytest.raises(ValueError, match="cannot be changed"):
        update.save()
    with pytest.raises(ValueError, match="cannot be changed"):
        ProgressUpdate.objects.filter(pk=update.pk).update(rag=Rag.GREEN)
    with pytest.raises(ValueError, match="cannot be deleted"):
        update.delete()
    with pytest.raises(ValueError, match="cannot be deleted"):
        ProgressUpdate.objects.filter(pk=update.pk).delete()
    assert ProgressUpdate.objects.get(pk=update.pk).rag == Rag.RED


def test_a_correction_is_a_new_update_that_names_the_one_it_corrects(
    client_for, pledge_lead, pledge
):
    original = make_update(pledge, by=pledge_lead, rag=Rag.GREEN, narrative="All on track.")
    client = client_for(pledge_lead)

    form_page = client.get(url("update_add", pledge.pk), {"corrects": original.pk})
    response = client.post(
        url("update_add", pledge.pk),
        update_form(
            corrects=original.pk,
            rag=Rag.AMBER,
            narrative="Correction: one region was counted twice.",
            **date_fields("period_start", original.period_start),
            **date_fields("period_end", original.period_end),
        ),
    )

    assert "All on track." in form_page.content.decode()  # the form starts from the original
    assert response.status_code == 302
    correction = ProgressUpdate.objects.exclude(pk=original.pk).get()
    assert correction.corrects == original
    original.refresh_from_db()
    assert original.rag == Rag.GREEN and original.narrative == "All on track."
    page = text_of(client.get(url("pledge_detail", pledge.pk)))
    assert "Correction: progress from" in page
    assert "Corrected See the correction of" in page
    assert selectors.pledge_for_user(user=pledge_lead, pk=pledge.pk).latest_rag == Rag.AMBER


def test_a_correction_cannot_name_another_pledges_update(
    client_for, talent_team, pledge, other_pledge, pledge_lead, other_pledge_lead
):
    elsewhere = make_update(other_pledge, by=other_pledge_lead)

    response = client_for(talent_team).post(
        url("update_add", pledge.pk), update_form(corrects=elsewhere.pk)
    )

    assert response.status_code == 200
    assert "The update you are correcting is not one of this pledge’s" in text_of(response)
    assert ProgressUpdate.objects.count() == 1
