"""axe-core (node_modules/axe-core, pinned in package.json) run in the page under test.

The script goes in with `page.evaluate`, which Chromium runs through the DevTools protocol, so the
site's Content-Security-Policy (no inline script) stays on and the page is checked as users get
it. `page.add_script_tag` would add an inline <script>, which that policy blocks; a context with
`bypass_csp=True` would also work, but would no longer show a CSP violation as a console error.

The rules are WCAG 2.0, 2.1 and 2.2 at levels A and AA. A violation of impact "serious" or
"critical" fails the test that found it; the others are left to judgement in review. The only
exceptions are in DESIGN_SYSTEM_EXCEPTIONS: markup that the NHS.UK design system's own script
writes, which our templates cannot change, each with the reason it is not a barrier.

axe cannot see reflow (WCAG 1.4.10), so each check also narrows the tab to 320 and 375 px
(reflow.py): a page that scrolls sideways as a whole there is a serious violation too."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.reflow import overflows

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

# (axe rule, CSS selector of the elements it does not apply to, why).
DESIGN_SYSTEM_EXCEPTIONS = [
    (
        "label-content-name-mismatch",
        ".nhsuk-file-upload__drop-button",
        "nhsuk-frontend 10's file upload script writes its button as <span>No file chosen</span>"
        "<span hidden>, </span><span>Choose file</span> with no space between the visible words, "
        "so axe reads 'chosenChoose'. The accessible name holds every visible word in order "
        "('…, No file chosen Choose file or drop file'): a voice user saying 'Choose file' finds "
        "it. axe passes it once a space is added; to be fixed in the design system, not here.",
    ),
]

_RUN = """async ([tags, exceptions]) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
    elementRef: true,
  });
  const excepted = (rule, element) => exceptions.some(
    ([exceptedRule, selector]) => rule === exceptedRule && element && element.matches(selector)
  );
  return results.violations
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes
        .filter((node) => !excepted(violation.id, node.element))
        .map((node) => node.target.join(" ")),
    }))
    .filter((violation) => violation.targets.length > 0);
}"""


@dataclass(frozen=True)
class Violation:
    page: str
    url: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        targets = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.page} ({self.url}): {self.rule} [{self.impact}] {self.help}: {targets}"


def axe_script() -> str:
    if not AXE_SCRIPT.exists():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `npm ci` (axe-core is a devDependency)")
    return AXE_SCRIPT.read_text()


def run_axe(page, name: str) -> list[Violation]:
    """Every WCAG A/AA violation axe finds on the page as it is now, whatever its impact."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    return [
        Violation(
            page=name,
            url=page.url,
            rule=found["rule"],
            impact=found["impact"] or "unknown",
            help=found["help"],
            targets=tuple(found["targets"]),
        )
        for found in page.evaluate(
            _RUN, [WCAG_TAGS, [[rule, selector] for rule, selector, _ in DESIGN_SYSTEM_EXCEPTIONS]]
        )
    ]


@dataclass
class AccessibilityChecker:
    """Collects the serious and critical violations (axe-core's and reflow's) of every page
    checked in one test."""

    checked: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def check(self, page, name: str) -> list[Violation]:
        found = [v for v in run_axe(page, name) if v.impact in FAILING_IMPACTS]
        too_wide = overflows(page)
        if too_wide:
            found.append(
                Violation(
                    page=name,
                    url=page.url,
                    rule="reflow",
                    impact="serious",
                    help="WCAG 1.4.10: the page scrolls sideways on a narrow screen",
                    targets=tuple(too_wide),
                )
            )
        self.checked.append(name)
        self.violations.extend(found)
        return found

    def report(self) -> str:
        lines = [str(violation) for violation in self.violations]
        return (
            f"{len(self.violations)} serious or critical accessibility violation(s) "
            f"in {len(self.checked)} page(s) checked:\n" + "\n".join(lines)
        )
