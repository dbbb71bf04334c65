"""The team password in front of the organiser pages (event contract, "Access").

It is kept only as a hash (argon2; a bcrypt hash is accepted too), compared in constant time
by the hash library. Repeated failures wait longer and longer; an idle session ends.
"""

from __future__ import annotations

import os
import threading
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PASSWORD_ENV = "PAARWEISE_PASSWORD"  # noqa: S105 (the setting's name)
HASH_ENV = "PAARWEISE_PASSWORD_HASH"
IDLE_ENV = "PAARWEISE_IDLE_MINUTES"
IDLE_MINUTES = 60  # a logged-in session that did nothing this long logs in again
FREE_FAILURES = 3  # wrong passwords before the delay starts
LONGEST_DELAY = 60.0  # seconds

_hasher = PasswordHasher()


class PasswordError(ValueError):
    """The configured password or hash cannot be used (said at start, not at login)."""


def hash_password(password: str) -> str:
    """An argon2 hash for PAARWEISE_PASSWORD_HASH (`python -m matching hash-password`)."""
    if not password:
        raise PasswordError("empty password")
    return _hasher.hash(password)


def verify_password(stored_hash: str, candidate: str) -> bool:
    """True when `candidate` is the password behind `stored_hash` (constant time)."""
    if stored_hash.startswith(("$2a$", "$2b$", "$2y$")):
        import bcrypt

        try:
            return bcrypt.checkpw(candidate.encode(), stored_hash.encode())
        except ValueError:
            return False
    try:
        return _hasher.verify(stored_hash, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def read_secrets(path: Path = Path(".streamlit/secrets.toml")) -> Mapping[str, object]:
    """Streamlit's secrets file, if there is one (the password may be set there)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PasswordError(f"{path}: {error}") from error


def configured_hash(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None
) -> str | None:
    """The team password's hash, or None when no password is set. The environment wins over
    the secrets file; a hash wins over a plain password (hashed here, kept in memory only)."""
    environ = os.environ if environ is None else environ
    secrets = read_secrets() if secrets is None else secrets
    stored = environ.get(HASH_ENV) or _text(secrets.get("password_hash"))
    if stored:
        if not stored.startswith(("$argon2", "$2a$", "$2b$", "$2y$")):
            raise PasswordError(f"{HASH_ENV} is not an argon2 or bcrypt hash")
        return stored
    plain = environ.get(PASSWORD_ENV) or _text(secrets.get("password"))
    return hash_password(plain) if plain else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def idle_minutes(environ: Mapping[str, str] | None = None) -> float:
    environ = os.environ if environ is None else environ
    try:
        return max(1.0, float(environ.get(IDLE_ENV, IDLE_MINUTES)))
    except ValueError:
        return float(IDLE_MINUTES)


def idle_too_long(last_action: float, now: float, minutes: float) -> bool:
    """A session idle longer than this logs in again (a laptop left open in a break)."""
    return now - last_action > minutes * 60


@dataclass
class FailedLogins:
    """Wrong passwords per client: from the fourth on, each waits twice as long (1, 2, 4 ...
    up to a minute) before it is even checked. Shared by all sessions of one server."""

    free: int = FREE_FAILURES
    longest: float = LONGEST_DELAY

    def __post_init__(self) -> None:
        self._count: dict[str, int] = {}
        self._lock = threading.Lock()

    def delay(self, client: str) -> float:
        with self._lock:
            extra = self._count.get(client, 0) - self.free
        return 0.0 if extra < 0 else min(self.longest, 2.0**extra)

    def failed(self, client: str) -> None:
        with self._lock:
            self._count[client] = self._count.get(client, 0) + 1

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._count.pop(client, None)


def check_login(
    stored_hash: str, candidate: str, client: str, failures: FailedLogins, sleep=time.sleep
) -> bool:
    """Wait the client's delay, then check; count the outcome."""
    wait = failures.delay(client)
    if wait:
        sleep(wait)
    if verify_password(stored_hash, candidate):
        failures.succeeded(client)
        return True
    failures.failed(client)
    return False
