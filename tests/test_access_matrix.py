"""Every URL pattern x every role x GET and POST, with the outcome written down.

A new URL with no row here fails the test: decide who may use it, then add the row. Each cell is
GET/POST status codes for: anonymous; the HR director and the chair of the trust that owns the
data (alice, carol); the HR director of another trust (bob, who must get 404s for alice's data);
the national talent team; a national body's pledge lead; an administrator (a superuser, who is
not the chair or HR director of any trust). POSTs are sent empty: they test the gate, not the form.
"""

import pytest

from accounts.models import Role
from succession.models import Post
from tests.access_matrix_probe import PERSONAS, build_world, outcome, url_for, url_patterns
from tests.accounts.factories import user_with_role
from tests.orgs.factories import OrganisationFactory

EXPECTED = """
url name                                anon      hr        chair     other_hr  national  pledge    admin
home                                    302/302   200/405   200/405   200/405   200/405   200/405   200/405
healthz                                 200/405   200/405   200/405   200/405   200/405   200/405   200/405
favicon                                 301/405   301/405   301/405   301/405   301/405   301/405   301/405
accessibility                           200/405   200/405   200/405   200/405   200/405   200/405   200/405
privacy                                 200/405   200/405   200/405   200/405   200/405   200/405   200/405
accounts:login                          200/200   302/302   302/302   302/302   302/302   302/302   302/302
accounts:logout                         302/302   405/302   405/302   405/302   405/302   405/302   405/302
orgs:list                               302/302   200/405   200/405   200/405   200/405   200/405   200/405
orgs:detail                             302/302   200/405   200/405   200/405   200/405   200/405   200/405
orgs:segments_import                    302/302   403/403   403/403   403/403   200/200   403/403   200/200
succession:my_organisation              302/302   302/405   302/405   302/405   302/405   403/405   302/405
succession:board                        302/302   200/405   200/405   404/405   200/405   404/405   200/405
succession:post_create                  302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:import_upload                302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:import_template              302/302   200/405   403/405   404/405   403/405   404/405   403/405
succession:import_preview               302/302   302/302   403/403   404/404   403/403   404/404   403/403
succession:post_detail                  302/302   200/405   200/405   404/405   200/405   404/405   200/405
succession:post_edit                    302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:holder_new                   302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:holder_departure             302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:holder_left                  302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:plan_manage                  302/302   200/405   403/405   404/405   403/405   404/405   403/405
succession:nomination_add               302/302   200/404   403/403   404/404   200/404   404/404   403/403
succession:slate_reorder                302/302   405/302   405/403   405/404   405/403   405/404   405/403
succession:plan_review                  302/302   405/200   405/403   405/404   405/403   405/404   405/403
succession:plan_request_sign_off        302/302   405/302   405/403   405/404   405/403   405/404   405/403
succession:plan_sign_off                302/302   403/403   200/200   404/404   403/403   404/404   403/403
succession:nomination_edit              302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:nomination_move              302/302   405/302   405/403   405/404   405/403   405/404   405/403
succession:nomination_emergency_cover   302/302   405/302   405/403   405/404   405/403   405/404   405/403
succession:nomination_remove            302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:nomination_appoint           302/302   200/200   403/403   404/404   403/403   404/404   403/403
succession:appointment_done             302/302   200/405   200/405   404/405   200/405   404/405   200/405
risk:dashboard               302/302   200/405   200/405   200/405   200/405   403/405   200/405
risk:export                  302/302   200/405   200/405   200/405   200/405   403/405   200/405
risk:post                    302/302   200/405   200/405   404/405   200/405   403/405   200/405
risk:recalculate             302/302   405/403   405/403   405/403   405/302   405/403   405/403
risk:method                  302/302   200/405   200/405   200/405   200/405   403/405   200/405
risk:method_edit             302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:person_list                      302/302   200/405   200/405   200/405   200/405   403/405   200/405
talent:person_create                    302/302   200/200   403/403   200/200   403/403   403/403   403/403
talent:person_detail                    302/302   200/405   200/405   404/405   200/405   404/405   200/405
talent:person_edit                      302/302   200/200   403/403   404/404   200/200   404/404   403/403
talent:career_entry_add                 302/302   200/200   403/403   404/404   200/200   404/404   403/403
talent:pool_search                      302/302   200/405   200/405   200/405   200/405   403/405   403/405
talent:pool_profile                     302/302   200/405   200/405   200/405   200/405   403/405   403/405
talent:pool_profile_edit                302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:readiness_set                    302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:nine_box_place                   302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:cohort_membership_add            302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:cohort_membership_end            302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:development_add                  302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:development_edit                 302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:equality_record_edit             302/302   403/403   403/403   403/403   403/403   403/403   403/403
talent:pool_nominate                    302/302   403/403   403/403   403/403   200/404   403/403   403/403
talent:calibration_list                 302/302   403/405   403/405   403/405   200/405   403/405   403/405
talent:calibration_open                 302/302   403/403   403/403   403/403   200/200   403/403   403/403
talent:calibration_session              302/302   403/405   403/405   403/405   200/405   403/405   403/405
talent:calibration_move                 302/302   405/403   405/403   405/403   405/200   405/403   405/403
talent:calibration_close                302/302   403/403   403/403   403/403   200/302   403/403   403/403
talent:pipeline                         302/302   403/405   403/405   403/405   200/405   403/405   403/405
talent:equality                         302/302   403/405   403/405   403/405   200/405   403/405   403/405
talent:equality_export                  302/302   403/405   403/405   403/405   200/405   403/405   403/405
talent:equality_publish                 302/302   405/403   405/403   405/403   405/403   405/403   405/403
pledges:tracker                         302/302   200/405   200/405   200/405   200/405   200/405   200/405
pledges:export                          302/302   200/405   200/405   200/405   200/405   200/405   200/405
pledges:pledge_create                   302/302   403/403   403/403   403/403   200/200   200/200   403/403
pledges:pledge_detail                   302/302   200/405   200/405   200/405   200/405   200/405   200/405
pledges:pledge_edit                     302/302   403/403   403/403   403/403   200/200   200/200   403/403
pledges:milestone_add                   302/302   403/403   403/403   403/403   200/200   200/200   403/403
pledges:milestone_edit                  302/302   403/403   403/403   403/403   200/200   200/200   403/403
pledges:update_add                      302/302   403/403   403/403   403/403   200/200   200/200   403/403
pledges:report_create                   302/302   200/200   200/200   200/200   200/200   403/403   403/403
pledges:my_reports                      302/302   200/405   200/405   200/405   200/405   403/405   403/405
pledges:report_respond                  302/302   403/403   403/403   403/403   200/200   200/200   403/403
notifications:list                      302/302   200/405   200/405   200/405   200/405   200/405   200/405
notifications:read                      302/302   405/404   405/404   405/404   405/404   405/404   405/404
notifications:read_all                  302/302   405/302   405/302   405/302   405/302   405/302   405/302
notifications:preferences               302/302   200/200   200/200   200/200   200/200   200/200   200/200
notifications:worklist_done             302/302   405/404   405/404   405/404   405/404   405/404   405/404
api-organisation-list                   403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-organisation-detail                 403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-post-list                           403/403   200/400   200/400   200/400   200/400   200/400   200/400
api-post-detail                         403/403   200/405   200/405   404/405   200/405   404/405   200/405
api-incumbency-list                     403/403   200/400   200/400   200/400   200/400   200/400   200/400
api-incumbency-detail                   403/403   200/405   200/405   404/405   200/405   404/405   200/405
api-person-list                         403/403   200/400   200/400   200/400   200/400   200/400   200/400
api-person-detail                       403/403   200/405   200/405   404/405   200/405   404/405   200/405
api-plan-list                           403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-plan-detail                         403/403   200/405   200/405   404/405   200/405   404/405   200/405
api-plan-reorder                        403/403   405/400   405/403   405/404   405/403   405/404   405/403
api-plan-request-sign-off               403/403   405/400   405/403   405/404   405/403   405/404   405/403
api-plan-review                         403/403   405/400   405/403   405/404   405/403   405/404   405/403
api-plan-sign-off                       403/403   405/403   405/400   405/404   405/403   405/404   405/403
api-nomination-list                     403/403   200/400   200/400   200/400   200/400   200/400   200/400
api-nomination-detail                   403/403   200/405   200/405   404/405   200/405   404/405   200/405
api-talent-pool-list                    403/403   200/405   200/405   200/405   200/405   403/403   403/403
api-talent-pool-detail                  403/403   200/405   200/405   200/405   200/405   403/403   403/403
api-calibration-session-list            403/403   403/403   403/403   403/403   200/405   403/403   403/403
api-calibration-session-detail          403/403   403/403   403/403   403/403   200/405   403/403   403/403
api-pledge-list                         403/403   200/403   200/403   200/403   200/400   200/400   200/403
api-pledge-detail                       403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-pledge-update-list                  403/403   200/403   200/403   200/403   200/400   200/400   200/403
api-pledge-update-detail                403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-pledge-report-list                  403/403   200/400   200/400   200/400   200/400   200/403   200/403
api-pledge-report-detail                403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-pledge-report-respond               403/403   405/403   405/403   405/403   405/400   405/400   405/403
api-root                                403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-schema                              403/403   200/405   200/405   200/405   200/405   200/405   200/405
api-docs                                302/302   200/405   200/405   200/405   200/405   200/405   200/405
"""


def expected_matrix() -> dict[str, dict[str, tuple[int, int]]]:
    matrix = {}
    for line in EXPECTED.strip().splitlines()[1:]:
        name, *cells = line.split()
        assert len(cells) == len(PERSONAS), f"row {name} needs {len(PERSONAS)} cells"
        matrix[name] = {
            persona: tuple(int(code) for code in cell.split("/"))
            for persona, cell in zip(PERSONAS, cells, strict=True)
        }
    return matrix


def test_every_url_pattern_has_an_expectation():
    names = {name for name, _ in url_patterns()}

    assert names - set(expected_matrix()) == set(), "add these URLs to the access matrix"
    assert set(expected_matrix()) - names == set(), "these rows name URLs that no longer exist"


@pytest.mark.slow
@pytest.mark.django_db
def test_every_role_gets_the_expected_outcome_on_every_url(request, client, trust, other_trust):
    world = build_world(trust)
    expected = expected_matrix()
    wrong = []
    for name, pattern in url_patterns():
        url = url_for(name, pattern, world)
        for persona in PERSONAS:
            client.logout()
            if persona != "anonymous":
                client.force_login(request.getfixturevalue(persona))
            got = (outcome(client, "GET", url), outcome(client, "POST", url))
            if got != expected[name][persona]:
                wrong.append(f"{name} as {persona}: expected {expected[name][persona]}, got {got}")

    assert wrong == []


# --- Shared posts (issue 13 §3) -----------------------------------------------------------------
# The same world, its post shared with a partner trust (RX3): the partner's HR director and chair
# read the post, its plan, holders and slate, and change nothing; the lead's board stays the
# lead's. Each cell is GET/POST as above. Rows: every URL about the world's post.

SHARED_EXPECTED = """
url name                                partner_hr  partner_chair
succession:board                        404/405     404/405
succession:post_detail                  200/405     200/405
succession:post_edit                    403/403     403/403
succession:holder_new                   403/403     403/403
succession:holder_departure             403/403     403/403
succession:holder_left                  403/403     403/403
succession:plan_manage                  403/405     403/405
succession:nomination_add               403/403     403/403
succession:slate_reorder                405/403     405/403
succession:plan_review                  405/403     405/403
succession:plan_request_sign_off        405/403     405/403
succession:plan_sign_off                403/403     403/403
succession:nomination_edit              403/403     403/403
succession:nomination_move              405/403     405/403
succession:nomination_emergency_cover   405/403     405/403
succession:nomination_remove            403/403     403/403
succession:nomination_appoint           403/403     403/403
succession:appointment_done             200/405     200/405
risk:post                               200/405     200/405
api-post-detail                         200/405     200/405
api-incumbency-detail                   200/405     200/405
api-plan-detail                         200/405     200/405
api-plan-reorder                        405/403     405/403
api-plan-request-sign-off               405/403     405/403
api-plan-review                         405/403     405/403
api-plan-sign-off                       405/403     405/403
api-nomination-detail                   200/405     200/405
"""


@pytest.mark.slow
@pytest.mark.django_db
def test_the_hr_director_and_chair_of_a_sharing_trust_read_a_shared_post_and_change_nothing(
    client, trust
):
    world = build_world(trust)
    partner = OrganisationFactory(ods_code="RX3")
    Post.objects.get(pk=world["pk"]).shared_with.add(partner)
    personas = {
        "partner_hr": user_with_role(Role.HR_DIRECTOR, partner, username="partner-hr"),
        "partner_chair": user_with_role(Role.CHAIR, partner, username="partner-chair"),
    }
    lines = SHARED_EXPECTED.strip().splitlines()
    columns = lines[0].split()[2:]
    patterns = dict(url_patterns())
    wrong = []
    for line in lines[1:]:
        name, *cells = line.split()
        url = url_for(name, patterns[name], world)
        for persona, cell in zip(columns, cells, strict=True):
            client.force_login(personas[persona])
            expected = tuple(int(code) for code in cell.split("/"))
            got = (outcome(client, "GET", url), outcome(client, "POST", url))
            if got != expected:
                wrong.append(f"{name} as {persona}: expected {expected}, got {got}")

    assert wrong == []
