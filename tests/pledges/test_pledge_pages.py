"""Making and changing pledges and their milestones, and a pledge's page."""

import datetime as dt

import pytest

from pledges import services
from pledges.models import Milestone, Pledge, PledgeStatus
from tests.clock import TODAY
from tests.pages import date_fields, text_of

from .factories import condition, make_pledge, make_update
from .helpers import url

pytestmark = pytest.mark.django_db


def pledge_form(**overrides) -> dict:
    data = {
        "title": "Time and space to improve",
        "condition": condition(5).pk,
        "commitment": "We will never ask for an improvement plan in under four weeks.",
        "accountable_owner": "Director of Improvement",
        **date_fields("start_on", TODAY - dt.timedelta(days=30)),
        **date_fields("target_on", TODAY + dt.timedelta(days=335)),
        "success_measure": "No request for a plan with a deadline under four weeks.",
    }
    data.update(overrides)
    return data


def edit_form(pledge, **overrides) -> dict:
    data = pledge_form(
        title=pledge.title,
        condition=pledge.condition_id,
        commitment=pledge.commitment,
        accountable_owner=pledge.accountable_owner,
        success_measure=pledge.success_measure,
        status=pledge.status,
        withdrawn_reason=pledge.withdrawn_reason,
        version=pledge.version,
        **date_fields("start_on", pledge.start_on),
        **date_fields("target_on", pledge.target_on),
    )
    data.update(overrides)
    return data


# --- Adding a pledge --------------------------------------------------------------------------


def test_a_pledge_lead_adds_a_pledge_for_their_body(client_for, pledge_lead, national_body):
    client = client_for(pledge_lead)

    form_page = client.get(url("pledge_create"))
    response = client.post(url("pledge_create"), pledge_form())

    assert form_page.status_code == 200
    assert national_body.display_name in text_of(form_page)
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert response.url == url("pledge_detail", pledge.pk)
    assert pledge.body == national_body
    assert pledge.status == PledgeStatus.ACTIVE
    assert pledge.created_by == pledge_lead
    page = text_of(client.get(response.url))
    assert "Added the pledge “Time and space to improve”" in page
    assert "We will never ask for an improvement plan in under four weeks." in page
    assert "5. Enabling, supportive and aligned regulation and oversight" in page


def test_a_pledge_lead_is_not_asked_which_body_when_they_lead_only_one(client_for, pledge_lead):
    page = client_for(pledge_lead).get(url("pledge_create")).content.decode()

    assert 'name="body"' not in page


def test_the_national_talent_team_chooses_the_body_of_a_new_pledge(
    client_for, talent_team, national_body, other_body
):
    client = client_for(talent_team)

    page = client.get(url("pledge_create")).content.decode()
    client.post(url("pledge_create"), pledge_form(body=other_body.pk))

    assert 'name="body"' in page
    assert Pledge.objects.get().body == other_body


def test_adding_a_pledge_with_a_target_before_its_start_says_so_and_keeps_the_input(
    client_for, pledge_lead
):
    response = client_for(pledge_lead).post(
        url("pledge_create"),
        pledge_form(**date_fields("target_on", TODAY - dt.timedelta(days=60))),
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "The target date must be on or after the start date" in page
    assert "We will never ask for an improvement plan in under four weeks." in page
    assert not Pledge.objects.exists()


def test_adding_a_pledge_without_a_title_or_condition_says_what_is_missing(client_for, pledge_lead):
    response = client_for(pledge_lead).post(
        url("pledge_create"), pledge_form(title="", condition="")
    )

    page = text_of(response)
    assert "Enter a title for the pledge" in page
    assert "Choose the framework condition" in page
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("persona", ["hr_director", "chair", "administrator"])
def test_nobody_but_pledge_leads_and_the_national_team_may_add_pledges(
    request, client_for, persona
):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url("pledge_create")).status_code == 403
    assert client.post(url("pledge_create"), pledge_form()).status_code == 403
    assert not Pledge.objects.exists()


# --- A pledge's page --------------------------------------------------------------------------


def test_a_pledges_page_shows_its_commitment_milestones_updates_and_history(
    client_for, hr_director, pledge, pledge_lead
):
    services.milestone_add(
        pledge=pledge, title="Behaviour charter agreed", due_on=TODAY + dt.timedelta(days=30)
    )
    make_update(pledge, by=pledge_lead, rag="amber", narrative="Half the meetings used it.")

    page = text_of(client_for(hr_director).get(url("pledge_detail", pledge.pk)))

    assert "We will model compassionate, inclusive leadership" in page
    assert "Behaviour charter agreed" in page
    assert "Half the meetings used it." in page
    assert "Amber" in page
    assert "Made the pledge “Compassionate oversight meetings”" in page
    assert "Added the milestone “Behaviour charter agreed”" in page
    # A trust user reads it but may not change it.
    assert "Change the pledge" not in page
    assert "Add a progress update" not in page
    assert "Report an inconsistency" in page


def test_a_pledge_that_does_not_exist_is_not_found(client_for, hr_director):
    assert client_for(hr_director).get(url("pledge_detail", 999)).status_code == 404


# --- Changing a pledge ------------------------------------------------------------------------


def test_a_pledge_lead_changes_their_bodys_pledge_and_the_history_says_what_changed(
    client_for, pledge_lead, pledge
):
    new_target = pledge.target_on + dt.timedelta(days=90)
    client = client_for(pledge_lead)

    response = client.post(
        url("pledge_edit", pledge.pk), edit_form(pledge, **date_fields("target_on", new_target))
    )

    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.target_on == new_target
    page = text_of(client.get(url("pledge_detail", pledge.pk)))
    assert f"Changed the target date from {(new_target - dt.timedelta(days=90)):%-d %B %Y}" in page
    assert f"to {new_target:%-d %B %Y}" in page
    assert pledge_lead.get_full_name() in page  # who made the change


def test_a_pledge_lead_cannot_change_another_bodys_pledge(client_for, pledge_lead, other_pledge):
    client = client_for(pledge_lead)

    page = text_of(client.get(url("pledge_detail", other_pledge.pk)))
    get = client.get(url("pledge_edit", other_pledge.pk))
    post = client.post(url("pledge_edit", other_pledge.pk), edit_form(other_pledge, title="Mine"))

    assert "Change the pledge" not in page
    assert get.status_code == 403
    assert post.status_code == 403
    other_pledge.refresh_from_db()
    assert other_pledge.title == "Regulation that gives time to improve"


def test_a_pledge_lead_cannot_add_milestones_or_updates_to_another_bodys_pledge(
    client_for, pledge_lead, other_pledge
):
    client = client_for(pledge_lead)

    assert client.post(url("milestone_add", other_pledge.pk), {}).status_code == 403
    assert client.post(url("update_add", other_pledge.pk), {}).status_code == 403


def test_a_trust_user_cannot_change_a_pledge(client_for, hr_director, pledge):
    response = client_for(hr_director).post(url("pledge_edit", pledge.pk), edit_form(pledge))

    assert response.status_code == 403


def test_the_national_talent_team_may_change_any_bodys_pledge(
    client_for, talent_team, other_pledge
):
    response = client_for(talent_team).post(
        url("pledge_edit", other_pledge.pk),
        edit_form(other_pledge, accountable_owner="Chief Inspector"),
    )

    assert response.status_code == 302
    other_pledge.refresh_from_db()
    assert other_pledge.accountable_owner == "Chief Inspector"


def test_withdrawing_a_pledge_needs_a_reason(client_for, pledge_lead, pledge):
    client = client_for(pledge_lead)

    refused = client.post(
        url("pledge_edit", pledge.pk), edit_form(pledge, status=PledgeStatus.WITHDRAWN)
    )
    accepted = client.post(
        url("pledge_edit", pledge.pk),
        edit_form(
            pledge, status=PledgeStatus.WITHDRAWN, withdrawn_reason="Superseded by the mandate."
        ),
    )

    assert "Enter why the pledge is being withdrawn" in text_of(refused)
    assert accepted.status_code == 302
    page = text_of(client.get(url("pledge_detail", pledge.pk)))
    assert "Withdrawn: Superseded by the mandate." in page
    assert "Changed the status from active to withdrawn: Superseded by the mandate." in page


def test_a_stale_edit_is_refused_shows_the_other_change_and_keeps_the_editors_input(
    client_for, pledge_lead, talent_team, pledge
):
    loaded = edit_form(pledge)
    services.pledge_update(
        pledge=Pledge.objects.get(pk=pledge.pk),
        expected_version=pledge.version,
        accountable_owner="Chief Executive",
    )

    response = client_for(pledge_lead).post(
        url("pledge_edit", pledge.pk), {**loaded, "title": "My better title"}
    )

    page = text_of(response)
    assert response.status_code == 409
    assert "Someone else changed this while you were editing it" in page
    assert "Changed the accountable owner from “Director of Leadership and People”" in page
    assert 'value="My better title"' in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.title == "Compassionate oversight meetings"
    assert pledge.accountable_owner == "Chief Executive"


# --- Milestones -------------------------------------------------------------------------------


def test_a_pledge_lead_adds_a_milestone_and_later_records_it_achieved(
    client_for, pledge_lead, pledge
):
    client = client_for(pledge_lead)
    due = TODAY + dt.timedelta(days=60)

    added = client.post(
        url("milestone_add", pledge.pk),
        {"title": "Charter agreed", "version": pledge.version, **date_fields("due_on", due)},
    )
    milestone = Milestone.objects.get()
    pledge.refresh_from_db()
    changed = client.post(
        url("milestone_edit", pledge.pk, milestone.pk),
        {
            "title": "Charter agreed",
            "version": pledge.version,
            **date_fields("due_on", due),
            **date_fields("achieved_on", TODAY),
        },
    )

    assert added.status_code == changed.status_code == 302
    milestone.refresh_from_db()
    assert milestone.achieved_on == TODAY
    page = text_of(client.get(url("pledge_detail", pledge.pk)))
    assert f"Recorded that the milestone “Charter agreed” was achieved on {TODAY:%-d %B %Y}" in page


def test_a_milestone_cannot_be_achieved_in_the_future(client_for, pledge_lead, pledge):
    response = client_for(pledge_lead).post(
        url("milestone_add", pledge.pk),
        {
            "title": "Charter agreed",
            "version": pledge.version,
            **date_fields("due_on", TODAY),
            **date_fields("achieved_on", TODAY + dt.timedelta(days=3)),
        },
    )

    assert "The date achieved cannot be in the future" in text_of(response)
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_pledge_is_not_found(client_for, talent_team, pledge, other_pledge):
    milestone = services.milestone_add(pledge=other_pledge, title="Charter", due_on=TODAY)

    response = client_for(talent_team).get(url("milestone_edit", pledge.pk, milestone.pk))

    assert response.status_code == 404


def test_a_new_pledge_can_be_made_for_a_body_through_the_service_only_if_it_is_a_national_body(
    trust,
):
    with pytest.raises(Exception, match="not a national body"):
        make_pledge(trust)
