"""axe-core (npm, installed by set-up) run in the page: WCAG 2.1 A/AA, serious and critical violations fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULE_SETS = ["wcag2a", "wcag2aa", "wcag21aa"]
FAILING_IMPACTS = frozenset({"serious", "critical"})


class AccessibilityViolations(AssertionError):
    """The page breaks WCAG 2.1 A/AA rules of impact serious or critical (BITV 2.0)."""

    def __init__(self, url: str, violations: list[dict[str, Any]]) -> None:
        self.url, self.violations = url, violations
        super().__init__(f"axe-core on {url}:\n" + "\n".join(_describe(v) for v in violations))

    @property
    def rule_ids(self) -> set[str]:
        return {v["id"] for v in self.violations}


async def inject_axe(context: BrowserContext) -> None:
    """axe-core in every document the context opens, before the page's own scripts.

    An init script comes in through the browser's debugging protocol, so the page's Content-Security-Policy
    neither blocks it nor has to be bypassed for the test (a bypass would hide the app's own CSP faults).
    """
    if not AXE_SCRIPT.is_file():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: `make setup` installs axe-core from package-lock.json")
    await context.add_init_script(path=AXE_SCRIPT)


async def violations_on(page: Page) -> list[dict[str, Any]]:
    """Every violation axe-core finds on the page as it is now, of any impact."""
    result: dict[str, Any] = await page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULE_SETS
    )
    return list(result["violations"])


async def assert_accessible(page: Page) -> None:
    found = [v for v in await violations_on(page) if v["impact"] in FAILING_IMPACTS]
    if found:
        raise AccessibilityViolations(page.url, found)


def _describe(violation: dict[str, Any]) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']} — {targets}"
