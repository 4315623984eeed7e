"""The load drill's simulated people: each signs in once through the real login form, then
thinks and acts until the deadline, every request recorded as a ``Sample``. What they do and
why is in ``load``'s docstring; here is how: links and forms are found on the pages they saw."""

import http.client
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from healthmatch.bench.drills.load_html import Form, Page, parse

COMPANY, HOSPITAL = "company", "hospital"
# The entry points of the site's navigation; everything else is reached through links.
LOGIN_PATH = "accounts/login/"
NEEDS_PATH = "needs/"
DASHBOARD_PATH = "dashboard/"
MY_BIDS_PATH = "bids/"
# What a link or a form leads to, by its path (needs/urls.py, matching/bids/urls.py,
# matching/lifecycle/urls.py).
NEED = r"/needs/\d+/$"
NEEDS = r"/needs/$"
BID_NEW = r"/bids/need/\d+/new/$"
NEED_BIDS = r"/bids/need/\d+/$"
BID = r"/bids/\d+/$"
MATCH = r"/matches/\d+/$"
INTEREST = r"/matches/\d+/interest/$"
LOGOUT = r"/logout/$"
DASHBOARD = r"/dashboard/$"

THINK = (0.5, 2.0)
INTERESTED_SHARE = 0.7
SUBMIT_SHARE = 0.7
MAX_REDIRECTS = 5
CRASH = "-"  # the method of a sample that stands for the drill's own failure, not a request
REASONS = [
    "Fits our ward's night shifts.",
    "We already run a pilot on this.",
    "Too early for us: our product is not certified yet.",
]
WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class Sample:
    action: str
    method: str
    path: str
    status: int | None
    ms: float
    error: str | None = None

    @property
    def is_request(self) -> bool:
        return self.method != CRASH

    def describe(self) -> str:
        status = self.status if self.status is not None else "no answer"
        text = f"{self.method} {self.path[:120]} -> {status}"
        return f"{text} ({self.error})" if self.error and self.error != str(self.status) else text


class SimUser:
    """One simulated person: signs in once, then thinks and acts until the deadline."""

    def __init__(self, index, person, base_url, *, browser, seed, weights, start_at, deadline):
        self.index = index
        self.person = person
        self.kind = person["kind"]
        self.base_url = base_url
        self.browser = browser
        self.weights = weights
        self.start_at = start_at
        self.deadline = deadline
        # Separate streams: what to do and how long to think depend on the seed only; what to
        # click depends on what the pages showed.
        self.plan = random.Random(f"{seed}:{index}:plan")
        self.pick = random.Random(f"{seed}:{index}:pick")
        self.samples: list[Sample] = []
        self.written = Counter()  # the writes as the pages answered them
        self.skipped = Counter()
        self.pages: dict[str, Page] = {}
        self.referer = ""
        self.signed_in = False
        self.login_path = urlsplit(self.url(LOGIN_PATH)).path

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    # --- The loop ---------------------------------------------------------------------------

    def run(self):
        time.sleep(max(0.0, self.start_at - time.monotonic()))
        if not self._guarded("login", self.login):
            return
        names, weights = list(self.weights), list(self.weights.values())
        while True:
            pause = self.plan.uniform(*THINK)
            left = self.deadline - time.monotonic()
            time.sleep(max(0.0, min(pause, left)))
            if pause >= left:
                return
            action = self.plan.choices(names, weights)[0]
            self._guarded(action, getattr(self, action))

    def _guarded(self, action, do):
        """Runs an action; a crash of the drill's own code counts as an error, never silently."""
        try:
            return do()
        except Exception as error:  # noqa: BLE001 - reported as an error sample
            self.samples.append(
                Sample(action, CRASH, action, None, 0.0, f"drill crashed: {error!r}"[:200])
            )
            return None

    # --- Requests ---------------------------------------------------------------------------

    def fetch(self, action, method, url, data=None) -> Page | None:
        """The page a request ends on, redirects followed (each hop is a request of its own);
        None after an error, which is recorded."""
        redirected = False
        for _ in range(MAX_REDIRECTS + 1):
            started = time.perf_counter()
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            try:
                status, location, body = self.browser.send(method, url, data, self.referer)
            except (OSError, http.client.HTTPException) as error:
                ms = (time.perf_counter() - started) * 1000
                self.samples.append(Sample(action, method, path, None, ms, type(error).__name__))
                return None
            ms = (time.perf_counter() - started) * 1000
            error = None
            if status >= 400:
                error = str(status)
            elif self.signed_in and location and urlsplit(location).path == self.login_path:
                error = "sent to the login page"
            self.samples.append(Sample(action, method, path, status, ms, error))
            if error:
                return None
            if not (300 <= status < 400 and location):
                page = parse(url, status, body)
                page.redirected = redirected
                self.referer = url
                return page
            method, url, data, redirected = "GET", location, None, True
        self.samples[-1].error = "too many redirects"
        return None

    def get(self, action, url) -> Page | None:
        return self.fetch(action, "GET", url)

    def post(self, action, form: Form, data) -> Page | None:
        return self.fetch(action, "POST", form.action, data)

    # --- Signing in -------------------------------------------------------------------------

    def login(self) -> bool:
        page = self.get("login", self.url(LOGIN_PATH))
        form = page.form_with("password") if page else None
        if form is None:
            if page is not None:
                self.samples[-1].error = "no login form"
            return False
        field = "login" if "login" in form.names() else "email"
        data = form.data({field: self.person["email"], "password": self.person["password"]})
        page = self.post("login", form, data)
        if page is None:
            return False
        if not page.forms_to(LOGOUT):
            self.samples[-1].error = "not signed in"
            return False
        self.signed_in = True
        self._keep(page)
        return True

    def _keep(self, page: Page):
        """Remember a page the next actions may start from."""
        path = urlsplit(page.url).path
        for name, pattern in (("dashboard", DASHBOARD), ("list", NEEDS), ("need", NEED)):
            if re.search(pattern, path):
                self.pages[name] = page
        if re.search(NEED_BIDS, path):
            self.pages["need_bids"] = page

    def _open(self, action, url) -> Page | None:
        page = self.get(action, url)
        if page is not None:
            self._keep(page)
        return page

    def _look_around(self, as_company, as_hospital):
        """The page this kind of person opens first when what they want is not in sight."""
        (as_company if self.kind == COMPANY else as_hospital)()

    def _links(self, pattern, *sources) -> list[str]:
        links = []
        for source in sources:
            page = self.pages.get(source)
            for url in page.urls(pattern) if page else []:
                if url not in links:
                    links.append(url)
        return links

    # --- Reading ----------------------------------------------------------------------------

    def dashboard(self):
        self._open("dashboard", self.url(DASHBOARD_PATH))

    def my_bids(self):
        self._open("my_bids", self.url(MY_BIDS_PATH))

    def browse_needs(self):
        self._open("browse_needs", self.url(NEEDS_PATH))

    def _needs_list(self) -> Page | None:
        if "list" not in self.pages:
            self.browse_needs()
        return self.pages.get("list")

    def page_needs(self):
        page = self._needs_list()
        following = page.rel("next") if page else None
        if following is None and page is not None:  # on the last page: back to the first
            self.browse_needs()
            following = self.pages["list"].rel("next") if "list" in self.pages else None
        if following is None:
            self.skipped["page_needs"] += 1
            return
        self._open("page_needs", following)

    def _filter_form(self) -> Form | None:
        page = self._needs_list()
        return next(iter(page.forms_to(NEEDS, method="get")), None) if page else None

    def filter_needs(self):
        form = self._filter_form()
        if form is None:
            self.skipped["filter_needs"] += 1
            return
        overrides = {}
        selects = [name for name in form.selects() if form.choices(name)]
        for name in self.pick.sample(selects, k=min(len(selects), self.pick.choice((1, 1, 2)))):
            overrides[name] = self.pick.choice(form.choices(name))
        boxes = sorted({f.name for f in form.fields if f.kind == "checkbox" and f.name})
        if boxes and self.pick.random() < 0.3:
            name = self.pick.choice(boxes)
            overrides[name] = [self.pick.choice(form.choices(name))]
        self._open("filter_needs", f"{form.action}?{urlencode(form.data(overrides))}")

    def search_needs(self):
        titles = self._need_titles()
        if not titles:
            self.browse_needs()
            titles = self._need_titles()
        words = sorted({word.lower() for title in titles for word in WORD.findall(title)})
        if not words:
            self.skipped["search_needs"] += 1
            return
        query = " ".join(self.pick.sample(words, k=min(len(words), self.pick.choice((1, 1, 2)))))
        form = self._filter_form()
        data = form.data({"q": query}) if form is not None else [("q", query)]
        self._open("search_needs", f"{self.url(NEEDS_PATH)}?{urlencode(data)}")

    def _need_titles(self) -> list[str]:
        titles = []
        for source in ("list", "dashboard"):
            if source in self.pages:
                titles += self.pages[source].titles(NEED)
        return titles

    def _follow(self, action, pattern, sources, find_more):
        """Open one of the links to ``pattern`` on the pages ``sources``; when none is in sight,
        first open the page a person goes to for one (``find_more``); skip when still none."""
        links = self._links(pattern, *sources)
        if not links:
            find_more()
            links = self._links(pattern, *sources)
        if not links:
            self.skipped[action] += 1
            return
        self._open(action, self.pick.choice(links))

    def need_detail(self):
        """Companies open needs from the list or their dashboard; hospitals their own needs,
        from their dashboard."""
        sources = ("list", "dashboard") if self.kind == COMPANY else ("dashboard",)
        self._follow(
            "need_detail",
            NEED,
            sources,
            lambda: self._look_around(self.browse_needs, self.dashboard),
        )

    def need_bids(self):
        self._follow("need_bids", NEED_BIDS, ("need",), self.need_detail)

    def bid_detail(self):
        self._follow("bid_detail", BID, ("need_bids", "need"), self.need_bids)

    def match_detail(self):
        self._follow(
            "match_detail", MATCH, ("need", "dashboard"),
            lambda: self._look_around(self.dashboard, self.need_detail),
        )  # fmt: skip

    # --- Writing ----------------------------------------------------------------------------

    def answer_match(self):
        """Interested or not relevant on a match card: the company's on its dashboard ("needs
        for you"), the hospital's on its need's page (the suggested companies)."""
        source = "dashboard" if self.kind == COMPANY else "need"
        forms = self._interest_forms(source)
        if not forms:
            self._look_around(self.dashboard, self.need_detail)
            forms = self._interest_forms(source)
        if not forms:
            self.skipped["answer_match"] += 1
            return
        form = self.pick.choice(forms)
        self.pages[source].forms.remove(form)  # answered: not again before the page is reloaded
        choices = form.buttons("interest")
        interest = "interested" if self.pick.random() < INTERESTED_SHARE else "not_relevant"
        if interest not in choices:
            interest = self.pick.choice(choices)
        overrides = {}
        if "reason" in form.names() and self.pick.random() < 0.3:
            overrides["reason"] = self.pick.choice(REASONS)
        page = self.post("answer_match", form, form.data(overrides, click=("interest", interest)))
        if page is not None:  # also "no longer a suggestion": someone else answered first
            self.written["answers_sent"] += 1
            self._keep(page)

    def _interest_forms(self, source) -> list[Form]:
        page = self.pages.get(source)
        return [f for f in page.forms_to(INTEREST) if f.buttons("interest")] if page else []

    def bid(self):
        """A bid on a need whose page offers "Bid on this need": the real form, filled in, saved
        as a draft or submitted at once."""
        links = self._links(BID_NEW, "need")
        for _ in range(3):
            if links:
                break
            self.need_detail()
            links = self._links(BID_NEW, "need")
        if not links:
            self.skipped["bid"] += 1
            return
        self.pages.pop("need", None)  # its button is stale once the bid exists
        page = self.get("bid", self.pick.choice(links))
        form = page.form_with("summary") if page else None
        if form is None:
            if page is not None:
                self.samples[-1].error = "no bid form"
            return
        page = self.post("bid", form, form.data(self._bid_fields(form), click=self._bid_button()))
        if page is None:
            return
        if page.redirected:  # to the new bid's page
            self.written["bids_made"] += 1
        else:  # the form again with the reason, e.g. another session of this company was first
            self.written["bids_refused"] += 1

    def _bid_fields(self, form: Form) -> dict:
        low = self.pick.randrange(50, 400) * 1000
        fields = {
            "summary": "A radar sensor pilot on two wards, with alerts to the night staff.",
            "solution": (
                "Contact-free sensors in each room detect restlessness before a fall and alert "
                "the staff's phones. We install, train the staff and report monthly."
            ),
            "evidence": "Six-month pilot at a Danish regional hospital: 38 % fewer falls.",
            "timeline": "Pilot in 3 months, roll-out in 12.",
            "price_min": str(low),
            "price_max": str(low + self.pick.randrange(0, 200) * 1000),
        }
        fields = {name: value for name, value in fields.items() if name in form.names()}
        offered = form.choices("capabilities")
        if offered:
            fields["capabilities"] = self.pick.sample(offered, k=min(len(offered), 2))
        companies = form.choices("company")
        if len(companies) > 1:
            fields["company"] = self.pick.choice(companies)
        return fields

    def _bid_button(self) -> tuple[str, str]:
        return ("submit", "") if self.pick.random() < SUBMIT_SHARE else ("save", "")
