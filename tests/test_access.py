"""The access core (matching.access): password hashes, failed-login delays, Host names."""

from __future__ import annotations

import bcrypt
import pytest

from matching.access.hosts import host_allowed, is_loopback
from matching.access.login import (
    FailedLogins,
    PasswordError,
    check_login,
    configured_hash,
    hash_password,
    idle_minutes,
    idle_too_long,
    verify_password,
)


def test_an_argon2_hash_accepts_only_its_password():
    stored = hash_password("Tisch 7")
    assert stored.startswith("$argon2") and "Tisch 7" not in stored
    assert verify_password(stored, "Tisch 7")
    assert not verify_password(stored, "tisch 7")
    assert not verify_password(stored, "")
    assert not verify_password("$argon2id$kaputt", "Tisch 7")


def test_a_bcrypt_hash_is_accepted_too():
    stored = bcrypt.hashpw(b"Tisch 7", bcrypt.gensalt(rounds=4)).decode()
    assert verify_password(stored, "Tisch 7") and not verify_password(stored, "Tisch 8")


def test_where_the_password_comes_from():
    assert configured_hash({}, {}) is None
    from_env = configured_hash({"PAARWEISE_PASSWORD": "a"}, {"password": "b"})
    assert verify_password(from_env, "a") and not verify_password(from_env, "b")
    from_secrets = configured_hash({}, {"password": "b"})
    assert verify_password(from_secrets, "b")
    stored = hash_password("c")
    assert configured_hash({"PAARWEISE_PASSWORD_HASH": stored, "PAARWEISE_PASSWORD": "a"}, {}) == (
        stored
    )
    with pytest.raises(PasswordError):
        configured_hash({"PAARWEISE_PASSWORD_HASH": "klartext"}, {})


def test_wrong_passwords_wait_longer_and_longer():
    failures, waited = FailedLogins(free=3, longest=8), []
    stored = hash_password("richtig")
    for _ in range(7):
        assert not check_login(stored, "falsch", "10.0.0.5", failures, sleep=waited.append)
    assert waited == [1.0, 2.0, 4.0, 8.0]  # three free, then doubling up to the longest
    assert failures.delay("10.0.0.6") == 0  # another device is not slowed down
    assert check_login(stored, "richtig", "10.0.0.5", failures, sleep=waited.append)
    assert failures.delay("10.0.0.5") == 0


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8501", True),
        ("localhost:8501", True),
        ("[::1]:8501", True),
        ("192.168.178.20:8501", True),  # a phone on the venue network
        ("evil.example", False),  # DNS rebinding needs a name of its own
        ("evil.example:8501", False),
        ("localhost.evil.example", False),
        ("", False),
        (None, False),
        ("paarweise.verein.de", True),  # configured below
    ],
)
def test_host_names(host, allowed):
    assert host_allowed(host, frozenset({"paarweise.verein.de"})) is allowed


def test_loopback_and_idle_setting():
    assert is_loopback(None) and is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("192.168.1.4")
    assert idle_minutes({"PAARWEISE_IDLE_MINUTES": "15"}) == 15
    assert idle_minutes({"PAARWEISE_IDLE_MINUTES": "viel"}) == 60


def test_an_idle_session_ends():
    assert not idle_too_long(1000.0, 1000.0 + 59 * 60, 60)
    assert idle_too_long(1000.0, 1000.0 + 61 * 60, 60)
