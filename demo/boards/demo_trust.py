"""Guy's and St Thomas' (RJ1), the demo accounts' trust: its board is drawn like any other, then
shaped so that it shows every situation the service is for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from demo.accounts import DEMO_ACCOUNTS
from demo.constants import DEMO_TRUST
from demo.texts import texts
from succession.models import (
    Criticality,
    DepartureReason,
    PostRole,
    Readiness,
)

from .names import (
    CE,
    CHAIR,
    CN,
    COO,
    DOW,
    MD,
    NED,
    OTHER,
    READINESS_STEPS,
)
from .plan import (
    _Board,
    _days,
    _slug,
    _years,
)

if TYPE_CHECKING:
    from .maker import _BoardMaker

_TEXTS = texts("boards")["demo_trust"]

# (status, years in post) of the demo trust's posts.
DEMO_TRUST_STATUS = {
    PostRole(role): (holder["status"], holder.get("years_in_post"))
    for role, holder in _TEXTS["holders"].items()
}


def demo_trust_layout(layout):
    """The demo trust always has a director of strategy (a slate for its rising star)."""
    layout = [item for item in layout if item[0] != OTHER]
    index = next(i for i, item in enumerate(layout) if item[0] == CHAIR)
    layout.insert(index, (OTHER, _TEXTS["strategy_post"], Criticality.STANDARD))
    return layout


def _demo_account_names() -> dict[str, tuple[str, str]]:
    return {
        account.role: (account.first_name, account.last_name)
        for account in DEMO_ACCOUNTS
        if account.organisation == DEMO_TRUST
    }


def shape_demo_trust(maker: _BoardMaker, board: _Board, talent) -> None:
    """Make sure the demo trust shows every situation the service is for: a vacant post with
    emergency cover, an interim, a post with no ready-now successor, a plan changed since it was
    signed off, a plan not reviewed for over a year and a rising star on several slates."""
    rng, today = maker.rng, maker.today
    posts = {post.role: post for post in board.posts if post.role != NED}
    names = _demo_account_names()
    # The demo chair and HR director (director of workforce) hold their posts here.
    for role, account_role in ((CHAIR, "chair"), (DOW, "hr_director")):
        if account_role in names and posts[role].holder:
            person = posts[role].holder.person
            person.first_name, person.last_name = names[account_role]
            maker.used_names.add(names[account_role])
            person.email = f"{_slug(person.first_name)}.{_slug(person.last_name)}@rj1.nhs.example"
            maker.used_emails.add(person.email)

    # The rising star: the deputy chief executive, on the chief executive's, chief operating
    # officer's and director of strategy's slates.
    star = talent[CE][0][0] if talent.get(CE) else None
    if star is None:
        star = maker.person(family=CE, seniority="deputy", job_title="Deputy chief executive")
        star.career.append(
            ("Deputy chief executive", board.organisation, "", today - _years(3), None)
        )
        board.people.append(star)
    star.pool = star.visible = True
    star.joined_pool_on = star.joined_pool_on or today - _years(2)
    for role in (CE, COO, OTHER):
        post = posts[role]
        if not post.on_slate(star):
            maker.nominate(post, star, "deputy")
        nomination = next(n for n in post.active() if n.person is star)
        maker.set_readiness(nomination, Readiness.ONE_TO_TWO_YEARS)

    # The chief executive retires in 14 months; the plan changed after the chair signed it off.
    chief = posts[CE]
    holding = chief.holder
    holding.expected_departure_on = today + _days(425)
    holding.departure_reason = DepartureReason.RETIREMENT
    holding.departure_recorded_on = today - _days(60)
    signed = today - _days(150)
    chief.reviewed_on = signed
    chief.sign_offs = [
        (maker.moment(signed - _days(365)), ""),
        (maker.moment(signed), _TEXTS["chief_executive_sign_off"]),
    ]
    for nomination in chief.active():
        if nomination.created_at.date() > signed - _days(10):
            nomination.created_at = maker.moment(signed - _days(rng.randint(30, 300)))
        maker.set_readiness(nomination, nomination.readiness)
    star_nomination = next(n for n in chief.active() if n.person is star)
    star_nomination.earlier_readiness = Readiness.THREE_TO_FIVE_YEARS
    star_nomination.readiness_changed_at = maker.moment(today - _days(21))
    newcomer = maker.person(family=CE, seniority="past", employed=False)
    returning = _TEXTS["returning_chief_executive"]
    newcomer.career.append(
        (
            returning["earlier_post"],
            None,
            returning["earlier_organisation"],
            today - _years(7),
            today - _years(2),
        )
    )
    board.people.append(newcomer)
    late = maker.nominate(chief, newcomer, "colleague")
    maker.set_readiness(late, Readiness.READY_NOW)
    late.notes = returning["notes"]
    late.created_at = maker.moment(today - _days(42))

    # The chief operating officer's post is vacant: its deputy is named as emergency cover.
    coo = posts[COO]
    deputy = next((p for p, s in talent.get(COO, []) if s == "deputy"), None)
    if deputy is None:
        deputy = maker.person(
            family=COO, seniority="deputy", job_title="Deputy chief operating officer"
        )
        board.people.append(deputy)
    if not coo.on_slate(deputy):
        maker.nominate(coo, deputy, "deputy")
    for nomination in coo.active():
        nomination.is_emergency_cover = nomination.person is deputy
        if nomination.person is deputy:
            maker.set_readiness(nomination, Readiness.READY_NOW)

    # The medical director's plan has nobody ready now.
    medical = posts[MD]
    while len(medical.active()) < 2:
        person = maker.person(
            family=MD, seniority="associate", job_title="Associate medical director"
        )
        board.people.append(person)
        maker.nominate(medical, person, "associate")
    for nomination in medical.active():
        if nomination.readiness == Readiness.READY_NOW:
            maker.set_readiness(nomination, Readiness.ONE_TO_TWO_YEARS)

    # The chief nurse's plan was last looked at fourteen months ago.
    nurse = posts[CN]
    nurse.reviewed_on = today - _days(425)
    nurse.sign_offs = []
    for post in (chief, coo, medical, nurse, posts[OTHER]):
        post.shaped = True
        # Slates stop at four: drop the surplus, lowest-placed first, keeping who matters here.
        keep = {id(star), id(newcomer), id(deputy)}
        while len(post.active()) > 4:
            spare = [n for n in post.active() if id(n.person) not in keep]
            last = max(spare, key=lambda n: (READINESS_STEPS.index(n.readiness), n.order))
            post.nominations.remove(last)
