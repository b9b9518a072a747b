"""The demo's texts (names, board make-ups, pledge narratives...) live in YAML files in
demo/data/; this reads one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@cache
def texts(name: str):
    """The contents of demo/data/<name>.yaml, read once."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)
