"""Video links for online tables: one template with {event}, {round} and {table}, checked once
so a typo shows as a clear message instead of a broken link on the big screen."""

from __future__ import annotations

import string
from urllib.parse import quote, urlsplit

from matching.i18n import DEFAULT_LANGUAGE, t

PLACEHOLDERS = ("event", "round", "table")


class LinkTemplateError(ValueError):
    """A link template that cannot be used; `message(lang)` says why in the user's language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **self.values)


def validate_link_template(template: str) -> str:
    """The template, stripped, if it is an http(s) address with a server name, no spaces and no
    placeholders but {event}, {round} and {table}; "" stays "" (no links). Otherwise raises
    LinkTemplateError."""
    if not isinstance(template, str):
        raise LinkTemplateError("live.link_invalid")
    template = template.strip()
    if not template:
        return ""
    if any(ch.isspace() or not ch.isprintable() for ch in template):
        raise LinkTemplateError("live.link_invalid")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        raise LinkTemplateError("live.link_placeholder", found="{ }") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise LinkTemplateError("live.link_placeholder", found="{" + name + "}")
    sample = urlsplit(_fill(template, "x", 1, 1))
    if sample.scheme.lower() not in ("http", "https") or not sample.hostname:
        raise LinkTemplateError("live.link_invalid")
    if not template.lower().startswith(("https://", "http://")):
        raise LinkTemplateError("live.link_invalid")
    return template


def table_link(template: str, event: str, round_number: int, table: int) -> str:
    """The link of one table: the template with each value URL-quoted (nothing can break out
    of its place: no "/", "?", "#" or "@" from a title)."""
    checked = validate_link_template(template)
    return _fill(checked, event, round_number, table) if checked else ""


def _fill(template: str, event: str, round_number: int, table: int) -> str:
    values = {"event": event, "round": round_number, "table": table}
    return template.format(**{k: quote(str(v), safe="") for k, v in values.items()})
