"""Which machine may open the app: without a password this computer only; and requests naming
a host that is neither an IP address, localhost nor a configured name are refused, so a web
page on another site cannot reach the app through DNS rebinding."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

HOSTS_ENV = "PAARWEISE_ALLOWED_HOSTS"  # comma-separated host names besides IPs and localhost


def allowed_hosts(environ: Mapping[str, str] | None = None) -> frozenset[str]:
    environ = os.environ if environ is None else environ
    names = (h.strip().lower() for h in environ.get(HOSTS_ENV, "").split(","))
    return frozenset(h for h in names if h)


def host_allowed(host_header: str | None, extra: frozenset[str] = frozenset()) -> bool:
    """A request's Host is fine when it is an IP address (how phones on the venue network
    reach the laptop), localhost, or a name the organiser configured. A rebinding attack
    needs a domain name of its own, so it is refused."""
    if not host_header:
        return False
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8501
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in ("localhost", *extra) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback(address: object) -> bool:
    """Whether a client address is this machine. Streamlit gives None for loopback; no
    address at all (not a string) is an in-process test run."""
    if not address or not isinstance(address, str):
        return True
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return address == "localhost"
