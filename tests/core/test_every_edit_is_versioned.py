"""Every page and API write that changes something already saved carries the version the editor
loaded, and a save from a stale version is refused (docs/adr/0004, docs/adr/0016).

The pages are found by walking the URL patterns: every form a POSTing view uses must carry a
hidden `version`, unless it is listed below with the reason it changes nothing already saved
(it searches, or adds a new row). The API is found by walking its schema: every PUT, PATCH, and
POST or DELETE on one resource must take a version and document the 409."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import pkgutil
from html.parser import HTMLParser
from types import FunctionType

import pytest
from django import forms
from django.apps import apps
from django.db.models import F
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PROJECT_APPS = ("accounts", "core", "orgs", "pledges", "risk", "succession", "talent")

# Forms that change nothing already saved, each with the reason.
NOT_AN_EDIT = {
    "succession.forms.posts.PostForm": "adds a new post",
    "succession.forms.imports.PostsUploadForm": "a bulk upload: the import says what it changes",
    "orgs.forms.SegmentsUploadForm": "a bulk upload of a published list: all or nothing, with history",
    "succession.forms.plans.CandidateSearchForm": "a search",
    "risk.forms.RiskFilterForm": "a filter",
    "talent.forms.PeopleFilterForm": "a filter",
    "talent.forms.PersonCreateForm": "adds a new person",
    "talent.forms.CareerEntryForm": "adds a new career history entry",
    "talent.forms.pool.PostFilterForm": "a filter",
    "talent.forms.pool.CohortMembershipForm": "adds a new cohort membership",
    "talent.forms.pool.CohortLeaveForm": "records once that they left: a second is refused",
    "talent.forms.pool.DevelopmentForm": "adds a new development activity",
    "talent.forms.pool.CalibrationSessionForm": "opens a new session",
    "talent.forms.pool.RegionFilterForm": "a filter",
    "talent.forms.pool.EqualityFilterForm": "a filter",
    "pledges.forms.PledgeForm": "adds a new pledge",
    "pledges.forms.ProgressUpdateForm": "adds a new progress update",
    "pledges.forms.ReportForm": "adds a new report",
    "pledges.forms.ResponseForm": "adds an answer to a report: every answer is kept",
}

# API writes on one resource that change nothing already saved.
API_NOT_AN_EDIT = {("post", "/api/pledge-reports/{id}/respond/"): "adds an answer to a report"}


# --- Finding the pages' forms -----------------------------------------------------------------


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _patterns(pattern.url_patterns, prefix + namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + (pattern.name or ""), pattern.callback


def _unwrap(function):
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    return function


def _forms_used_by(function, seen=None) -> set[type]:
    """The form classes a view names, and those named by the helpers of its own module it calls."""
    seen = set() if seen is None else seen
    function = _unwrap(function)
    if not isinstance(function, FunctionType) or function in seen:
        return set()
    seen.add(function)
    found, codes = set(), [function.__code__]
    while codes:
        code = codes.pop()
        for name in code.co_names:
            value = function.__globals__.get(name)
            if inspect.isclass(value) and issubclass(value, forms.BaseForm):
                found.add(value)
            elif isinstance(value, FunctionType) and value.__module__ == function.__module__:
                found |= _forms_used_by(value, seen)
        codes += [const for const in code.co_consts if inspect.iscode(const)]
    return found


def _name(form: type) -> str:
    return f"{form.__module__}.{form.__qualname__}"


@functools.cache
def pages_and_forms() -> dict[str, set[type]]:
    """URL name -> the forms its view uses, for every function view of the project's apps."""
    pages = {}
    for name, callback in _patterns(get_resolver().url_patterns):
        if hasattr(callback, "cls") or hasattr(callback, "view_class"):
            continue  # the API's viewsets: checked through the schema below
        if callback.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        used = _forms_used_by(callback)
        if used:
            pages[name] = used
    return pages


def edit_forms() -> dict[str, type]:
    return {
        _name(form): form
        for used in pages_and_forms().values()
        for form in used
        if _name(form) not in NOT_AN_EDIT
    }


def all_forms_modules():
    for app in PROJECT_APPS:
        config = apps.get_app_config(app)
        for candidate in (f"{config.name}.forms",):
            try:
                module = importlib.import_module(candidate)
            except ModuleNotFoundError:
                continue
            yield module
            for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
                yield importlib.import_module(f"{candidate}.{info.name}")


def carries_version(form: type) -> bool:
    field = form.base_fields.get("version")
    return isinstance(field, forms.IntegerField) and isinstance(field.widget, forms.HiddenInput)


def test_the_walk_finds_the_edit_pages():
    found = edit_forms()
    assert "talent.forms.pool.DevelopmentUpdateForm" in found
    assert "succession.forms.posts.PostEditForm" in found
    assert len(found) >= 20


def test_every_form_that_changes_something_already_saved_carries_its_version():
    missing = sorted(name for name, form in edit_forms().items() if not carries_version(form))
    assert missing == [], f"These forms change a saved row without its version: {missing}"


def test_every_model_form_of_a_versioned_model_carries_its_version():
    modules = list(all_forms_modules())
    assert {"talent.forms.pool", "succession.forms.plans"} <= {m.__name__ for m in modules}
    model_forms = [
        value
        for module in modules
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, forms.ModelForm)
        and value.__module__ == module.__name__
        and getattr(getattr(value, "_meta", None), "model", None) is not None
    ]
    versioned = [
        form
        for form in model_forms
        if any(field.name == "version" for field in form._meta.model._meta.get_fields())
    ]
    assert [_name(form) for form in versioned if not carries_version(form)] == []


def test_every_form_said_not_to_be_an_edit_is_still_used_by_a_page():
    used = {_name(form) for forms_ in pages_and_forms().values() for form in forms_}
    assert sorted(set(NOT_AN_EDIT) - used) == []


# --- A stale version is refused, page by page -------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page, each as its action and the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "data": {}}
            self.forms.append(self._form)
        if self._form is None or "disabled" in attrs:
            return
        data, name = self._form["data"], attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in attrs:
                    data.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = [""]

    def handle_data(self, text):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea][0] += text

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _versioned_form_on(page) -> dict:
    parser = _Forms()
    parser.feed(page.content.decode())
    chosen = [form for form in parser.forms if "version" in form["data"]]
    assert chosen, "the page has no form that carries a version"
    data = {
        key: values if len(values) != 1 else values[0] for key, values in chosen[0]["data"].items()
    }
    data.pop("csrfmiddlewaretoken", None)
    return data


def _someone_else_saves(instance) -> None:
    """What a save by someone else looks like to the compare-and-swap: the next version."""
    type(instance)._default_manager.filter(pk=instance.pk).update(version=F("version") + 1)


def _scenario_person_edit(world):
    person = world.person(world.trust)
    return world.hr_director, reverse("talent:person_edit", args=[person.pk]), person, {}


def _scenario_pool_profile_edit(world):
    person = world.pool_member()
    url = reverse("talent:pool_profile_edit", args=[person.pk])
    return world.talent_team, url, person.talent_profile, {}


def _scenario_readiness_set(world):
    person = world.pool_member(readiness={"chief_executive": "ready_now"})
    url = reverse("talent:readiness_set", args=[person.pk]) + "?role=chief_executive"
    return world.talent_team, url, person.target_readiness.get(), {}


def _scenario_nine_box_place(world):
    person = world.pool_member(performance=2, potential=2)
    url = reverse("talent:nine_box_place", args=[person.pk])
    return world.talent_team, url, person.talent_profile, {"reason": "A strong year"}


def _scenario_development_edit(world):
    from talent.services.pool import development_add

    person = world.pool_member()
    activity = development_add(
        person=person, kind="coaching", title="Coaching", status="planned",
        starts_on=dt.date(2025, 1, 6),
    )  # fmt: skip
    url = reverse("talent:development_edit", args=[person.pk, activity.pk])
    return world.talent_team, url, activity, {}


def _scenario_equality_record_edit(world):
    from django.contrib.auth.models import Permission

    from tests.talent.factories import EqualityRecordFactory

    person = world.pool_member()
    record = EqualityRecordFactory(person=person)
    world.talent_team.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    user = type(world.talent_team).objects.get(pk=world.talent_team.pk)
    return user, reverse("talent:equality_record_edit", args=[person.pk]), record, {}


def _scenario_pool_nominate(world):
    from tests.succession.factories import make_post

    person = world.pool_member()
    post = make_post(world.other_trust, title="Chief executive")
    url = reverse("talent:pool_nominate", args=[person.pk]) + f"?post={post.pk}"
    return world.talent_team, url, post.plan, {"readiness": "ready_now"}


def _scenario_post_edit(world):
    from tests.succession.factories import make_post

    post = make_post(world.trust, title="Chief executive")
    return world.hr_director, reverse("succession:post_edit", args=[post.pk]), post, {}


def _scenario_nomination_edit(world):
    from succession import services
    from tests.succession.factories import make_post

    post = make_post(world.trust, title="Chief executive")
    nomination = services.nomination_add(
        plan=post.plan, person=world.person(world.trust), readiness="ready_now"
    )
    url = reverse("succession:nomination_edit", args=[post.pk, nomination.pk])
    return world.hr_director, url, post.plan, {}


def _scenario_nomination_remove(world):
    from succession import services
    from tests.succession.factories import make_post

    post = make_post(world.trust, title="Chief executive")
    nomination = services.nomination_add(
        plan=post.plan, person=world.person(world.trust), readiness="ready_now"
    )
    url = reverse("succession:nomination_remove", args=[post.pk, nomination.pk])
    return world.hr_director, url, post.plan, {"reason": "Retired"}


def _scenario_holder_departure(world):
    from tests.succession.factories import IncumbencyFactory, make_post

    post = make_post(world.trust, title="Chief executive")
    IncumbencyFactory(post=post, started_on=dt.date(2020, 4, 1))
    url = reverse("succession:holder_departure", args=[post.pk])
    return world.hr_director, url, post, {"reason": "retirement"}


# Pages whose stale save is refused as this test shows: GET the page, someone else saves, then
# send the page's own form back.
STALE_SCENARIOS = {
    "talent:person_edit": _scenario_person_edit,
    "talent:pool_profile_edit": _scenario_pool_profile_edit,
    "talent:readiness_set": _scenario_readiness_set,
    "talent:nine_box_place": _scenario_nine_box_place,
    "talent:development_edit": _scenario_development_edit,
    "talent:equality_record_edit": _scenario_equality_record_edit,
    "talent:pool_nominate": _scenario_pool_nominate,
    "succession:post_edit": _scenario_post_edit,
    "succession:nomination_edit": _scenario_nomination_edit,
    "succession:nomination_remove": _scenario_nomination_remove,
    "succession:holder_departure": _scenario_holder_departure,
}

# Pages whose conflict needs more than sending the page back (a POST-only action, a page with
# several forms, a date to type): each has its own test of a stale save.
STALE_PROVED_BY = {
    "succession:holder_new": "tests/api/test_incumbencies.py::test_a_stale_post_version_is_a_409_and_no_holder_is_recorded",
    "succession:holder_left": "tests/succession/test_post_pages.py::test_a_stale_departure_is_refused_with_the_change_shown",
    "succession:plan_manage": "tests/succession/test_plan_pages.py::test_a_move_from_a_stale_plan_page_is_refused_with_what_changed",
    "succession:nomination_add": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:slate_reorder": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:plan_review": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:plan_request_sign_off": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:plan_sign_off": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:nomination_move": "tests/succession/test_plan_pages.py::test_a_move_from_a_stale_plan_page_is_refused_with_what_changed",
    "succession:nomination_emergency_cover": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "succession:nomination_appoint": "tests/succession/test_services.py::test_a_stale_slate_change_is_refused_with_what_changed",
    "talent:calibration_session": "tests/talent/test_calibration.py::test_a_move_from_a_stale_page_says_who_moved_them_and_changes_nothing",
    "talent:calibration_move": "tests/talent/test_calibration.py::test_a_move_from_a_stale_page_says_who_moved_them_and_changes_nothing",
    "risk:method_edit": "tests/risk/test_dashboard.py::test_a_stale_method_form_is_a_conflict_showing_the_other_change",
    "pledges:pledge_edit": "tests/pledges/test_pledge_pages.py::test_a_stale_edit_is_refused_shows_the_other_change_and_keeps_the_editors_input",
    "pledges:milestone_add": "tests/pledges/test_pledge_pages.py::test_a_stale_edit_is_refused_shows_the_other_change_and_keeps_the_editors_input",
    "pledges:milestone_edit": "tests/pledges/test_pledge_pages.py::test_a_stale_edit_is_refused_shows_the_other_change_and_keeps_the_editors_input",
}


def versioned_pages() -> list[str]:
    return sorted(
        name
        for name, used in pages_and_forms().items()
        if any(_name(form) not in NOT_AN_EDIT and carries_version(form) for form in used)
    )


def test_every_versioned_page_has_a_test_of_a_stale_save():
    untested = [name for name in versioned_pages() if name not in STALE_SCENARIOS | STALE_PROVED_BY]
    assert untested == []


@pytest.mark.parametrize("node", sorted(set(STALE_PROVED_BY.values())))
def test_the_tests_named_for_stale_saves_exist(node):
    path, function = node.split("::")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    assert callable(getattr(module, function, None))


class World:
    def __init__(self, trust, other_trust, hr_director, talent_team):
        self.trust, self.other_trust = trust, other_trust
        self.hr_director, self.talent_team = hr_director, talent_team

    def person(self, organisation):
        from tests.talent.factories import PersonFactory

        return PersonFactory(organisation=organisation)

    def pool_member(self, **fields):
        from tests.talent.factories import pool_member

        return pool_member(self.other_trust, **fields)


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(STALE_SCENARIOS))
def test_sending_a_page_back_after_someone_else_saved_is_refused(
    page, trust, other_trust, hr_director, talent_team
):
    world = World(trust, other_trust, hr_director, talent_team)
    user, url, instance, typed = STALE_SCENARIOS[page](world)
    client = Client()
    client.force_login(user)
    loaded = client.get(url)
    assert loaded.status_code == 200
    data = {**_versioned_form_on(loaded), **typed}
    assert data["version"] == str(instance.version)

    _someone_else_saves(instance)
    stale = client.post(url, data)

    assert stale.status_code == 409, stale.content.decode()[:2000]
    assert "Your changes have not been saved" in stale.content.decode()


# --- The API --------------------------------------------------------------------------------


@functools.cache
def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _api_writes():
    schema = _schema()
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            on_one = "{" in path
            if method in ("put", "patch") or (method in ("post", "delete") and on_one):
                yield method, path, operation, components


def _version_in(operation, components) -> tuple[str | None, bool]:
    """The version the write takes (body or query) and whether it is required."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    reference = body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
    component = components.get(reference, {})
    for name in component.get("properties", {}):
        if name == "version" or name.endswith("_version"):
            return name, name in component.get("required", [])
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if name == "version" or name.endswith("_version"):
            return name, parameter.get("required", False)
    return None, False


def test_the_walk_finds_the_api_writes():
    found = {(method, path) for method, path, _op, _c in _api_writes()}
    assert ("patch", "/api/people/{id}/") in found
    assert ("put", "/api/nominations/{id}/") in found


@pytest.mark.parametrize(
    "method,path",
    sorted(
        (method, path)
        for method, path, _op, _c in _api_writes()
        if (method, path) not in API_NOT_AN_EDIT
    ),
)
def test_every_api_write_to_something_saved_takes_its_version_and_answers_409(method, path):
    operation, components = next(
        (op, c) for m, p, op, c in _api_writes() if (m, p) == (method, path)
    )
    name, required = _version_in(operation, components)
    assert name is not None, f"{method.upper()} {path} takes no version"
    if method != "patch":  # a PATCH may leave fields out; the view requires the version
        assert required, f"{method.upper()} {path} does not require {name}"
    assert "409" in operation["responses"], f"{method.upper()} {path} documents no 409"
