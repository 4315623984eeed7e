"""page_bench, tiny: a real stage (PostgreSQL, Redis, gunicorn with production settings), every
page loaded by wrk as its person, a JSON last line, and the stage gone afterwards. `make
bench-pages` runs it full size (docs/benchmarks.md, "Page speed"). Also wrk's report read from
captured output, and a page that redirects refused before it is measured."""

import http.server
import json
import shutil
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from healthmatch.bench.pages import runner, wrk

# wrk 4.1 with healthmatch/bench/pages/wrk_report.lua, captured: a page answering 200, one
# answering 302 to the login page (wrk itself reports no error at all), and a 404.
OK = """\
Running 1s test @ http://127.0.0.1:18765/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.39ms    2.77ms  18.53ms   80.11%
    Req/Sec   476.30    118.31   656.00     80.00%
  Latency Distribution
     50%    3.64ms
     75%    5.28ms
     90%    8.23ms
     99%   14.92ms
  949 requests in 1.00s, 1.18MB read
Requests/sec:    947.72
Transfer/sec:      1.18MB
PAGE_BENCH {"requests": 949, "duration_us": 1001351, "bytes": 1242241, "connect_errors": 0, \
"read_errors": 0, "write_errors": 0, "status_errors": 0, "timeouts": 0, "p50_us": 3644, \
"p90_us": 8227, "p99_us": 14923, "max_us": 18527, "statuses": {"200": 949}}
"""
REDIRECTED = """\
Running 1s test @ http://127.0.0.1:18767/dashboard/
  2 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   400.81us  292.42us   5.04ms   96.79%
    Req/Sec     2.34k   325.59     3.48k    90.00%
  Latency Distribution
     50%  361.00us
     75%  424.00us
     90%  549.00us
     99%    1.87ms
  4671 requests in 1.00s, 725.28KB read
Requests/sec:   4657.62
Transfer/sec:    723.21KB
PAGE_BENCH {"requests": 4671, "duration_us": 1002872, "bytes": 742689, "connect_errors": 0, \
"read_errors": 0, "write_errors": 0, "status_errors": 0, "timeouts": 0, "p50_us": 361, \
"p90_us": 549, "p99_us": 1869, "max_us": 5038, "statuses": {"302": 4671}}
"""
NOT_FOUND = """\
  1239 requests in 1.00s, 629.18KB read
  Non-2xx or 3xx responses: 1239
Requests/sec:   1235.64
PAGE_BENCH {"requests": 1239, "duration_us": 1002717, "bytes": 644280, "connect_errors": 0, \
"read_errors": 0, "write_errors": 0, "status_errors": 1239, "timeouts": 0, "p50_us": 986, \
"p90_us": 4292, "p99_us": 7807, "max_us": 11661, "statuses": {"404": 1239}}
"""


def test_wrk_report_gives_rate_percentiles_and_no_errors_for_200s():
    figures = wrk.parse(OK)

    assert figures["requests"] == 949
    assert figures["per_second"] == 947.7
    assert (figures["p50_ms"], figures["p90_ms"], figures["p99_ms"]) == (3.64, 8.23, 14.92)
    assert figures["max_ms"] == 18.53
    assert figures["statuses"] == {200: 949}
    assert figures["errors"] == 0


def test_wrk_report_counts_redirects_and_404s_as_errors():
    redirected = wrk.parse(REDIRECTED)
    not_found = wrk.parse(NOT_FOUND)

    assert redirected["errors"] == redirected["errors_by_kind"]["not_200"] == 4671
    assert not_found["errors"] == 1239 and not_found["statuses"] == {404: 1239}


def test_wrk_output_without_the_report_line_is_refused():
    with pytest.raises(ValueError, match="PAGE_BENCH"):
        wrk.parse(OK.rsplit("PAGE_BENCH", 1)[0])


@pytest.fixture
def server():
    """A server on loopback: /login-wall/ redirects to the login page, /page/ shows a need."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            if self.path == "/page/":
                body = b"<h1>Fewer falls at night (ref 0)</h1>"
                self.send_response(200)
            else:
                body = b""
                self.send_response(302)
                self.send_header("Location", "/accounts/login/?next=/login-wall/")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_that_redirects_to_the_login_page_fails_the_run(server):
    page = {"path": "/login-wall/", "as": "company", "expect": [["Fewer falls"]]}

    with pytest.raises(RuntimeError, match="answered 302 to /accounts/login/.*not measured"):
        runner.check(server, "company_dashboard", page, {"Cookie": "sessionid=gone"})


def test_a_page_without_its_content_fails_the_run(server):
    shown = {"path": "/page/", "as": "company", "expect": [["Fewer falls"], ["(ref 0)", "x"]]}
    missing = {"path": "/page/", "as": "company", "expect": [["CareSense 1 ApS"]]}

    assert runner.check(server, "need_detail", shown, {}) > 0
    with pytest.raises(RuntimeError, match="does not show 'CareSense 1 ApS'"):
        runner.check(server, "need_detail", missing, {})


@pytest.fixture
def login_server():
    """allauth's sign-in, as far as log_in sees it: a form, a redirect that sets the session and
    a "signed in" message cookie, and a landing page that empties that cookie (unless
    ``keeps_messages``: a server that would show the message on every page)."""
    state = {"keeps_messages": False}

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (the standard library's name)
            if self.path == "/accounts/login/":
                form = b'<form method="post" action="/accounts/login/"><input name="login">'
                self._answer(200, form + b'<input type="password" name="password"></form>')
            elif state["keeps_messages"]:
                self._answer(200, b"<p>Signed in</p>")
            else:
                gone = "messages=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"
                self._answer(200, b"<p>Signed in</p>", [("Set-Cookie", gone)])

        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            cookies = [("Set-Cookie", "sessionid=s1; Path=/"), ("Set-Cookie", "messages=m; Path=/")]
            self._answer(302, headers=[("Location", "/dashboard/"), *cookies])

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    httpd.shutdown()
    httpd.server_close()


def test_signing_in_lands_on_a_page_so_no_message_is_replayed(login_server):
    base_url, _state = login_server

    assert runner.log_in(base_url, "dan@caresense.example", "pw") == "sessionid=s1"


def test_a_message_left_waiting_after_signing_in_fails_the_run(login_server):
    base_url, state = login_server
    state["keeps_messages"] = True

    with pytest.raises(RuntimeError, match="left messages waiting"):
        runner.log_in(base_url, "dan@caresense.example", "pw")


def test_page_bench_refuses_zero_connections():
    with pytest.raises(CommandError, match="--connections must be at least 1"):
        call_command("page_bench", connections=0, stdout=StringIO())


@pytest.mark.skipif(
    not (shutil.which("wrk") and shutil.which("redis-server")),
    reason="page_bench needs wrk and starts a Redis server of its own",
)
def test_page_bench_loads_every_page_as_its_person_and_removes_the_stage():
    out = StringIO()

    call_command(
        "page_bench", needs=200, companies=20, duration=1, connections=2, threads=1, stdout=out
    )

    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["needs"] == 200 and result["companies"] == 20
    assert result["matches"] >= 200 * 5
    assert set(result["pages"]) == set(runner.PAGES) and result["skipped"] == {}
    for name, page in result["pages"].items():
        assert page["requests"] > 0, name
        assert page["errors"] == 0 and set(page["statuses"]) == {"200"}, (name, page)
        assert page["ratio"] > 0 and page["p99_ms"] >= page["p50_ms"] > 0
    assert result["pages"]["curation_queue"]["as"] == "coordinator"
    assert result["pages"]["hospital_dashboard"]["as"] == "hospital"
    assert result["pages"]["api_needs"]["as"] == "token"
    # The planted word: in one need in a hundred.
    assert result["pages"]["needs_search"]["results"] == 2
    assert result["bare"]["before"]["errors"] == result["bare"]["after"]["errors"] == 0
    assert result["bare"]["per_second"] > 0
    # The table names every page; the stage is gone.
    assert all(any(line.startswith(name) for line in lines) for name in runner.PAGES)
    assert result["cleaned_up"] is True and not result["kept"]
    assert result["page_cache"] is True
    assert not Path(result["stage"]).exists()
