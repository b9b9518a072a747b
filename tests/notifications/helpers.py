"""Doing things the way users do them, through the services, with on-commit work (the emails'
tasks, run in place as the tests' Celery is eager) done at once."""

from django.db import transaction
from django.urls import reverse

from succession import services as succession_services
from talent.models import Readiness


def committed(django_capture_on_commit_callbacks, action):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return action()


def ask_for_sign_off(post, *, by):
    post.plan.refresh_from_db()
    url = "http://testserver" + reverse("succession:plan_sign_off", args=[post.pk])
    return succession_services.plan_request_sign_off_from_chairs(
        plan=post.plan, by=by, sign_off_url=url
    )


def sign_off(post, *, by, comment=""):
    post.plan.refresh_from_db()
    return succession_services.plan_sign_off(plan=post.plan, by=by, comment=comment)


def nominate(post, person, *, by=None, readiness=Readiness.READY_NOW):
    post.plan.refresh_from_db()
    return succession_services.nomination_add(
        plan=post.plan, person=person, readiness=readiness, by=by
    )
