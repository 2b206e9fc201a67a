"""The visitor's address, trusting X-Forwarded-For only as far as our own proxies wrote it.

Every limit keyed by address (the public form's rate limit, django-axes' login lockout through
AXES_CLIENT_IP_CALLABLE) calls `client_ip`, so they all see the same visitor.
"""

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

type Network = ipaddress.IPv4Network | ipaddress.IPv6Network
type Address = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, never bound to


@functools.lru_cache(maxsize=8)
def parse_trusted_proxies(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """Parse TRUSTED_PROXIES (addresses or CIDR blocks); raise ValueError naming a bad entry."""
    networks: list[Network] = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ValueError(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from error
    return tuple(networks)


def _parse_address(text: str) -> Address | None:
    """One hop as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:80`."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of whoever sent the request, as far as our trusted proxies can tell.

    Start from the peer (REMOTE_ADDR). While that hop is one of TRUSTED_PROXIES, step one entry to
    the left in X-Forwarded-For, which each proxy appends to; the first hop that is not ours is the
    client. Entries left of it were written by the client and are ignored, so a forged header
    changes nothing. A connection over a Unix socket (no REMOTE_ADDR) counts as our proxy when any
    proxy is configured. An unreadable entry stops the walk at the last address we could read.
    """
    networks = parse_trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    peer_text = request.META.get("REMOTE_ADDR") or ""
    peer = _parse_address(peer_text)
    if peer is None and not (networks and not peer_text):
        return UNKNOWN_ADDRESS
    if peer is not None and not _is_trusted(peer, networks):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    current = peer
    for hop in reversed(hops):
        address = _parse_address(hop)
        if address is None:
            break
        current = address
        if not _is_trusted(address, networks):
            break
    return str(current) if current is not None else UNKNOWN_ADDRESS
