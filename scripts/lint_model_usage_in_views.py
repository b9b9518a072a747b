"""Fail when a view, API view or template tag queries a scoped model directly.

Rows of these models belong to an organisation or to a person, so a page may only reach them
through a selector that narrows them to the user (accounts.roles.organisation_scope). A bare
`Person.objects...` in a view would show every organisation's rows. Run from the repository root:

    python scripts/lint_model_usage_in_views.py          # exits 1 and lists each use found
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

# The models whose rows are scoped to the user: the one list this check and ADR 0013 refer to.
SCOPED_MODELS = frozenset(
    {
        # accounts
        "Membership",
        "User",
        # talent
        "Person",
        "CareerHistoryEntry",
        "TalentProfile",
        "CohortMembership",
        "TargetRoleReadiness",
        "DevelopmentActivity",
        "CalibrationSession",
        "CalibrationPlacement",
        "NineBoxPlacement",
        "EqualityRecord",
        "EqualityAuditEntry",
        # succession
        "Post",
        "Incumbency",
        "SuccessionPlan",
        "Nomination",
        "SignOff",
        # risk
        "RiskAssessment",
        "LatestRisk",
        # pledges
        "InconsistencyReport",
    }
)

# The modules that are views: pages, API views and template tags.
VIEW_PATTERNS = ("*/views.py", "*/views/*.py", "*/api/*views*.py", "*/templatetags/*.py")
SKIPPED_DIRECTORIES = {".venv", "node_modules", "tests", "static", "var", ".git"}

MANAGERS = {"objects", "_default_manager", "_base_manager"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    model: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.model}.objects in a view; "
            "read it through a selector scoped to the user"
        )


def findings_in_source(source: str, path: str = "<source>") -> list[Finding]:
    """Every `<ScopedModel>.objects` (or `._default_manager`) in the module's source."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGERS
            and isinstance(node.value, ast.Name | ast.Attribute)
        ):
            model = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if model in SCOPED_MODELS:
                found.append(Finding(path=path, line=node.lineno, model=model))
    return sorted(found, key=lambda finding: finding.line)


def is_view_module(relative: str) -> bool:
    return any(fnmatch(relative, pattern) for pattern in VIEW_PATTERNS)


def view_modules(root: Path) -> list[Path]:
    modules = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_DIRECTORIES & set(relative.parts):
            continue
        if is_view_module(relative.as_posix()):
            modules.append(path)
    return modules


def findings_in(root: Path) -> list[Finding]:
    found = []
    for path in view_modules(root):
        relative = path.relative_to(root).as_posix()
        found.extend(findings_in_source(path.read_text(encoding="utf-8"), relative))
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    found = findings_in(root)
    for finding in found:
        print(finding)
    if found:
        print(f"Bare queries of scoped models in views: {len(found)}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
