"""Every form class the project defines, found by importing each of our apps' forms modules."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings


def _our_apps():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and config.name != "core":
            yield config


def _forms_modules():
    """Each app's forms and filters modules (the list pages' filter forms live beside their
    FilterSets), packages walked."""
    for config in _our_apps():
        for kind in ("forms", "filters"):
            try:
                module = importlib.import_module(f"{config.name}.{kind}")
            except ModuleNotFoundError:
                continue
            yield module
            if hasattr(module, "__path__"):
                for info in pkgutil.walk_packages(module.__path__, f"{module.__name__}."):
                    yield importlib.import_module(info.name)


def project_forms() -> list[type[forms.BaseForm]]:
    """Form classes defined in our apps' forms and filters modules (not Django's, not core's building
    blocks), sorted by name so parametrised test ids are stable."""
    found = {}
    for module in _forms_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def form_id(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def date_fields() -> list[tuple[type[forms.BaseForm], str]]:
    """(form class, field name) for every date field a project form declares."""
    return [
        (cls, name)
        for cls in project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
