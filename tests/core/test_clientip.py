"""The client address behind reverse proxies: X-Forwarded-For is believed only from our proxies."""

from typing import Any

import pytest
from django.test import RequestFactory

from samspill.core.clientip import UNKNOWN_ADDRESS, client_ip, parse_trusted_proxies


def _ip(settings: Any, *, peer: str, forwarded: str | None = None, proxies: list[str]) -> str:
    settings.TRUSTED_PROXIES = proxies
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=peer, **headers))


def test_without_proxies_the_peer_is_the_client_and_the_header_is_ignored(settings) -> None:
    assert _ip(settings, peer="198.51.100.7", forwarded="203.0.113.9", proxies=[]) == "198.51.100.7"


def test_behind_our_proxy_the_address_it_appended_is_the_client(settings) -> None:
    address = _ip(settings, peer="10.0.0.2", forwarded="203.0.113.9", proxies=["10.0.0.2"])

    assert address == "203.0.113.9"


def test_a_forged_header_from_the_client_changes_nothing(settings) -> None:
    # The client wrote "1.1.1.1, 2.2.2.2"; our proxy appended the address it really saw.
    forwarded = "1.1.1.1, 2.2.2.2, 203.0.113.9"

    address = _ip(settings, peer="10.0.0.2", forwarded=forwarded, proxies=["10.0.0.0/24"])

    assert address == "203.0.113.9"


def test_a_header_sent_directly_to_the_app_is_not_believed(settings) -> None:
    address = _ip(settings, peer="203.0.113.9", forwarded="10.0.0.5", proxies=["10.0.0.0/24"])

    assert address == "203.0.113.9"


def test_several_proxy_hops_are_skipped_from_the_right(settings) -> None:
    # Load balancer 192.0.2.10 → nginx 10.0.0.2 → app.
    forwarded = "203.0.113.9, 192.0.2.10"
    proxies = ["10.0.0.2", "192.0.2.0/28"]

    assert _ip(settings, peer="10.0.0.2", forwarded=forwarded, proxies=proxies) == "203.0.113.9"


def test_when_every_hop_is_ours_the_leftmost_is_the_client(settings) -> None:
    address = _ip(settings, peer="10.0.0.2", forwarded="10.0.0.7, 10.0.0.3", proxies=["10.0.0.0/8"])

    assert address == "10.0.0.7"


def test_a_trusted_peer_without_header_is_itself_the_client(settings) -> None:
    assert _ip(settings, peer="127.0.0.1", proxies=["127.0.0.1"]) == "127.0.0.1"


def test_ipv6_and_ports_as_proxies_write_them(settings) -> None:
    forwarded = "[2001:db8::7]:51234"
    proxies = ["::1", "10.0.0.0/8"]

    assert _ip(settings, peer="::1", forwarded=forwarded, proxies=proxies) == "2001:db8::7"
    assert _ip(settings, peer="10.0.0.2", forwarded="203.0.113.9:443", proxies=proxies) == (
        "203.0.113.9"
    )
    assert _ip(settings, peer="::ffff:203.0.113.9", proxies=proxies) == "203.0.113.9"


def test_an_unreadable_hop_stops_at_the_last_readable_one(settings) -> None:
    forwarded = "evil, 203.0.113.9"

    assert _ip(settings, peer="10.0.0.2", forwarded=forwarded, proxies=["10.0.0.2"]) == (
        "203.0.113.9"
    )
    address = _ip(settings, peer="10.0.0.2", forwarded="not-an-address", proxies=["10.0.0.2"])
    assert address == "10.0.0.2"


def test_a_unix_socket_counts_as_our_proxy_only_when_proxies_are_configured(settings) -> None:
    assert _ip(settings, peer="", forwarded="203.0.113.9", proxies=["127.0.0.1"]) == "203.0.113.9"
    assert _ip(settings, peer="", forwarded="203.0.113.9", proxies=[]) == UNKNOWN_ADDRESS


def test_a_bad_proxy_entry_is_named() -> None:
    with pytest.raises(ValueError, match="'nginx'"):
        parse_trusted_proxies(("10.0.0.1", "nginx"))
