"""The load drill's browser: one cookie jar per simulated person, a connection per request, and
against a server on this machine its own loopback address (see ``load``'s docstring: allauth's
login limit counts per address)."""

import http.client
import ipaddress
import socket
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urlencode, urljoin, urlsplit

USER_AGENT = "HealthMatch load drill"


class _LocalCookiePolicy(DefaultCookiePolicy):
    """Secure cookies go back over plain HTTP: used only for a server on this machine."""

    def return_ok_secure(self, cookie, request):
        return True


def loopback_ipv4(hostname: str) -> str | None:
    try:
        address = socket.getaddrinfo(hostname, None, socket.AF_INET)[0][4][0]
    except (OSError, IndexError):
        return None
    return address if ipaddress.ip_address(address).is_loopback else None


def source_address(index: int) -> str:
    return f"127.0.{1 + index // 250}.{2 + index % 250}"


def can_bind(address: str) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return False
    return True


class Browser:
    """One person's browser: a cookie jar, a connection per request (as a sync gunicorn worker
    serves them), and against this machine its own loopback address."""

    def __init__(self, *, timeout: float, server_ip: str | None, source_ip: str | None):
        policy = _LocalCookiePolicy() if server_ip else DefaultCookiePolicy()
        self.jar = CookieJar(policy=policy)
        self.timeout = timeout
        self.server_ip = server_ip
        self.source_ip = source_ip

    def _connection(self, parts):
        if parts.scheme == "https":
            return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=self.timeout)
        if self.server_ip:
            source = (self.source_ip, 0) if self.source_ip else None
            return http.client.HTTPConnection(
                self.server_ip, parts.port or 80, timeout=self.timeout, source_address=source
            )
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)

    def send(self, method: str, url: str, data=None, referer: str = "") -> tuple[int, str, str]:
        """(status, absolute Location or "", body) of one request; OSError and HTTPException
        for a failed connection or a timeout."""
        parts = urlsplit(url)
        request = urllib.request.Request(url, method=method)  # noqa: S310 (http/https: run())
        self.jar.add_cookie_header(request)
        headers = {
            "Host": parts.netloc,
            "User-Agent": USER_AGENT,
            "Accept": "text/html",
            "Accept-Language": "en",
            "Connection": "close",
        }
        if request.get_header("Cookie"):
            headers["Cookie"] = request.get_header("Cookie")
        if referer:
            headers["Referer"] = referer
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = self._connection(parts)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            self.jar.extract_cookies(response, request)
        finally:
            connection.close()
        location = response.getheader("Location") or ""
        return (
            response.status,
            urljoin(url, location) if location else "",
            content.decode("utf-8", "replace"),
        )
