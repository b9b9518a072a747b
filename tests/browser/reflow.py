"""Reflow (WCAG 2.2 1.4.10): at 320 and 375 CSS pixels wide no page scrolls sideways as a whole.
A wide table may scroll inside its own focusable container (templates/components/table_scroll.html);
the page around it may not. The check resizes the tab, measures
`document.scrollingElement.scrollWidth` against `innerWidth`, names the elements that stick out,
and puts the tab back as it was."""

from __future__ import annotations

NARROW_WIDTHS = (320, 375)

_MEASURE = """async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const width = window.innerWidth;
  const scrolls = (element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (node === document.body || node === document.documentElement) return false;
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  const sticksOut = (element) => element.getBoundingClientRect().right > width + 1 && !scrolls(element);
  const name = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + [...element.classList].slice(0, 2).map((c) => "." + c).join("");
  const culprits = [...document.body.querySelectorAll("*")]
    .filter((element) => sticksOut(element) && ![...element.children].some(sticksOut))
    .slice(0, 5)
    .map(name);
  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: width, culprits};
}"""


def overflows(page) -> list[str]:
    """What scrolls sideways at each narrow width: one line per width that does, else nothing."""
    original = page.viewport_size
    height = original["height"] if original else 900
    found = []
    try:
        for width in NARROW_WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            measured = page.evaluate(_MEASURE)
            if measured["scrollWidth"] > measured["innerWidth"]:
                found.append(
                    f"{measured['scrollWidth']} px wide at {width} px "
                    f"(sticking out: {', '.join(measured['culprits']) or 'unknown'})"
                )
    finally:
        if original:
            page.set_viewport_size(original)
    return found
