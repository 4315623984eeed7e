"""Where a webhook may go: the SSRF rules, checked when an endpoint is saved and again right
before every delivery (DNS can change between the two).

``resolve(url)`` parses the URL, resolves its host and refuses it unless every address it
resolves to is a public unicast address: no private, loopback, link-local, shared (CGNAT),
multicast, reserved, documentation or unspecified address, IPv4 or IPv6, including IPv4
addresses hidden in IPv6 ones (mapped, 6to4, NAT64, Teredo). The sender then connects to one
of the addresses checked here, never resolving again (``sending.py``), so a DNS answer that
changes between the check and the connection cannot point the request elsewhere.

``WEBHOOKS_ALLOW_PRIVATE_NETWORKS`` (on with DEBUG) skips the address rules, for local
receivers in development and tests; ``WEBHOOKS_REQUIRE_HTTPS`` (on without DEBUG) refuses
``http://``.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_PORTS = {"https": 443, "http": 80}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeURL(ValueError):  # noqa: N818 (a refusal, not a crash)
    """The URL is not one HealthMatch may send to; ``str()`` says why, for the person."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written, lower case, without brackets: the Host header and the TLS name
    port: int
    path: str  # path and query
    addresses: tuple[str, ...]  # the checked IP addresses to connect to, in resolver order

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        found.extend(address.teredo)
    if address in NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


def is_public(address) -> bool:
    """True for a global unicast address (and, for IPv6, any IPv4 address inside is one too)."""
    address = ipaddress.ip_address(address)
    if (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return False
    if address.version == 6:
        if address.scope_id or address.is_site_local:
            return False
        return all(is_public(inner) for inner in _embedded_ipv4(address))
    return True


def parse(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an endpoint URL, or UnsafeURL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise UnsafeURL(_("This is not a valid URL.")) from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeURL(_("The URL must start with https://."))
    if scheme == "http" and settings.WEBHOOKS_REQUIRE_HTTPS:
        raise UnsafeURL(_("The URL must use HTTPS."))
    if parts.username or parts.password:
        raise UnsafeURL(_("The URL must not contain a user name or password."))
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UnsafeURL(_("The URL has no host name."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, host, port or DEFAULT_PORTS[scheme], path


def resolve(url: str) -> Target:
    """The checked target of ``url``: refused (UnsafeURL) when its host does not resolve or
    resolves to any address that is not public (unless WEBHOOKS_ALLOW_PRIVATE_NETWORKS)."""
    scheme, host, port, path = parse(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeURL(_("The host name %(host)s cannot be resolved.") % {"host": host}) from error
    addresses = tuple(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not addresses:
        raise UnsafeURL(_("The host name %(host)s cannot be resolved.") % {"host": host})
    if not settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS:
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            raise UnsafeURL(
                _(
                    "%(host)s resolves to %(address)s, a private, local or reserved address: "
                    "webhooks go to public addresses only."
                )
                % {"host": host, "address": refused[0]}
            )
    return Target(scheme, host, port, path, addresses)
