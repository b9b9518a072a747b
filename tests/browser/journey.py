"""What every browser journey uses: the record of its steps (a screenshot and an axe-core check
of each page reached) and a few ways of reading what the user sees."""


class Steps:
    """A journey's record: a numbered screenshot and an axe-core check of each page reached."""

    def __init__(self, name: str, screenshot, a11y, *, javascript: bool = True):
        self.name, self.screenshot, self.a11y, self.count = name, screenshot, a11y, 0
        # axe-core is JavaScript: with it off, `page.evaluate` would wait for ever. The same
        # pages are checked with it on in journey 1.
        self.javascript = javascript

    def see(self, page, what: str, *, check: bool = True) -> None:
        self.count += 1
        self.screenshot(page, f"{self.name}-{self.count:02d}-{what}")
        if check and self.javascript:
            self.a11y.check(page, f"{self.name}: {what}")


def follow(locator) -> None:
    """Click a link or a button that loads a page, and wait until the new page has loaded."""
    with locator.page.expect_navigation():
        locator.click()


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def banner(page) -> str:
    return " ".join(page.locator(".nhsuk-notification-banner").all_inner_texts())


def unexpected(problems: list[str], *allowed_statuses: int) -> list[str]:
    """Page problems other than the error statuses the journey itself provokes (Chromium also
    logs each of those to the console)."""
    allowed = [f"{status} for " for status in allowed_statuses]
    allowed += [f"responded with a status of {status} " for status in allowed_statuses]
    return [problem for problem in problems if not any(text in problem for text in allowed)]


def summary_value(page, key: str) -> str:
    row = page.locator(".nhsuk-summary-list__row").filter(
        has=page.locator(".nhsuk-summary-list__key", has_text=key)
    )
    return row.locator(".nhsuk-summary-list__value").first.inner_text().strip()
