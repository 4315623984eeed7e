"""The SSRF rules: which addresses and URLs a webhook may go to."""

import pytest

from healthmatch.webhooks.addresses import UnsafeURL, is_public, resolve


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared (CGNAT)
        "0.0.0.0",  # noqa: S104 (a test value, never bound)
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "192.0.2.1",  # documentation
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2001:db8::1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert is_public(address)


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://10.0.0.5/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]:8443/",
        "https://localhost/hooks",  # a name that resolves to loopback
    ],
)
def test_resolve_refuses_urls_that_reach_private_addresses(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(UnsafeURL, match="public addresses only"):
        resolve(url)


def test_resolve_connects_to_a_checked_address_with_the_names_host(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    target = resolve("https://localhost:8443/in?x=1")
    assert target.host == "localhost" and target.port == 8443 and target.path == "/in?x=1"
    assert "127.0.0.1" in target.addresses or "::1" in target.addresses
    assert target.host_header == "localhost:8443"
    assert resolve("https://[::1]/").host_header == "[::1]"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.org/hooks", "must use HTTPS"),
        ("ftp://example.org/", "must start with https://"),
        ("https://user:pw@example.org/", "user name or password"),
        ("https:///nohost", "no host name"),
        ("https://does-not-exist.invalid/", "cannot be resolved"),
    ],
)
def test_resolve_refuses_bad_urls(url, message, settings):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    with pytest.raises(UnsafeURL, match=message):
        resolve(url)


def test_http_allowed_when_https_is_not_required(settings):
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    assert resolve("http://127.0.0.1:9/").scheme == "http"


def test_the_defaults_follow_debug():
    from healthmatch import settings as base

    assert base.WEBHOOKS_ALLOW_PRIVATE_NETWORKS is base.DEBUG
    assert base.WEBHOOKS_REQUIRE_HTTPS is not base.DEBUG
