"""Journeys in a real browser: Playwright's sync API driving Debian's chromium.

``playwright install`` cannot download browsers on these machines, so Playwright launches the
system chromium (apt-get install chromium). Without it the journeys are skipped locally and fail
in CI. Each step's screenshot lands in var/screenshots/<test name>/NN-step.png.
"""

import email
import os
import re
import shutil
from email import policy
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run in it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS = BASE_DIR / "var" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = "chromium not installed: apt-get install chromium"
# Report CSP violations (also of report-only policies) on the console, where we collect them.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI);
});
"""


@pytest.fixture(autouse=True, scope="session")
def _require_chromium():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING)
        pytest.skip(MISSING)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser(_require_chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Journey:
    """The browser side of one test: a context per person, numbered screenshots, and every
    console error, uncaught exception and CSP violation any of the pages produced."""

    def __init__(self, browser, base_url, folder):
        self.browser = browser
        self.base_url = base_url
        self.folder = folder
        self.errors = []
        self.contexts = []
        self.step = 0
        self.last_page = None

    def new_page(self, who: str, *, locale: str = "en-GB"):
        """A page in a new context; ``locale`` is the browser's language (Accept-Language)."""
        context = self.browser.new_context(
            base_url=self.base_url, locale=locale, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_LISTENER)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: self._console(who, page, msg))
        page.on("pageerror", lambda exc: self.errors.append(f"[{who}] {page.url}: JS error {exc}"))
        # data-confirm buttons ask with window.confirm(): the person says yes.
        page.on("dialog", lambda dialog: dialog.accept())
        self.last_page = page
        return page

    def _console(self, who, page, msg):
        if msg.type == "error":
            self.errors.append(f"[{who}] {page.url}: console error: {msg.text}")

    def shot(self, page, name: str):
        """Screenshot the step, and stop the journey at the first error in the browser."""
        self.step += 1
        self.last_page = page
        page.screenshot(path=self.folder / f"{self.step:02d}-{name}.png", full_page=True)
        self.assert_clean()

    def assert_clean(self):
        assert not self.errors, "errors in the browser:\n" + "\n".join(self.errors)

    def close(self, failed: bool):
        if failed and self.last_page is not None and not self.last_page.is_closed():
            self.step += 1
            self.last_page.screenshot(
                path=self.folder / f"{self.step:02d}-failure.png", full_page=True
            )
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey(request, browser, live_server, settings):
    """Browser pages for the test, served by the live server (transactional database)."""
    from django.core.cache import cache

    # allauth rate limits count in the cache; start each journey from zero.
    cache.clear()
    # The live server speaks plain HTTP, so must the links in the emails.
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    journey = Journey(browser, live_server.url, folder)
    yield journey
    failed = getattr(request.node, "report_call", None) is None or request.node.report_call.failed
    journey.close(failed)
    if not failed:
        journey.assert_clean()


class Mailbox:
    """Reads what Django's file-based email backend wrote: one file per connection, messages
    separated by a line of 79 dashes."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self):
        found = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=policy.default))
        return found

    def to(self, address: str):
        return [m for m in self.messages() if address in m["To"]]

    def last_to(self, address: str):
        received = self.to(address)
        assert received, f"no email to {address} in {self.folder}"
        return received[-1]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def link_to(self, address: str, path_fragment: str) -> str:
        text = self.text(self.last_to(address))
        match = re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", text)
        assert match, f"no link with {path_fragment} in the email to {address}:\n{text}"
        return match.group(0)


@pytest.fixture
def mailbox(settings, tmp_path):
    """Email goes to files, as with the default EMAIL_URL=file://var/mail."""
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return Mailbox(folder)
