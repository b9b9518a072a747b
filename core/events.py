"""Things that happened, announced by the services that made them happen, to whoever listens.

An app beneath another must not import it (.importlinter; ADR 0013), yet the notifications app
needs to hear that a plan was sent for sign-off. So succession and pledges announce an event
here, inside their transaction, and the notifications app registers its listener when it loads
(ADR 0023). With no listener registered (an app not installed) an announcement does nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """`kind` names what happened ("plan_sign_off_requested"); `data` holds the objects it
    concerns, as the service had them."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[Event], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    """Register `listener` for every event (once, however often an app's ready() runs)."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce(kind: str, **data: Any) -> None:
    """Tell every listener, now, in the caller's transaction: what a listener writes commits or
    rolls back with the change it describes."""
    event = Event(kind=kind, data=data)
    for listener in list(_listeners):
        listener(event)
