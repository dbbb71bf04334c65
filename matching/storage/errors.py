"""Errors storage raises on purpose, for the pages to turn into a sentence (i18n key)."""

from __future__ import annotations


class StaleListError(Exception):
    """The participant list changed since the caller read it (another organiser saved in
    between): nothing was written. Reload the list, or write again with the new version to
    keep one's own. The UI text is `matching.i18n` key `store.stale_list`."""

    message_key = "store.stale_list"

    def __init__(self, event_id: int, expected: int, actual: int) -> None:
        super().__init__(
            f"The participant list of event {event_id} is at version {actual}, not {expected}: "
            "someone else changed it meanwhile."
        )
        self.event_id = event_id
        self.expected = expected
        self.actual = actual

    def __reduce__(self):  # survives pickling (e.g. across processes) with its fields
        return (type(self), (self.event_id, self.expected, self.actual))


class IdeaTooLongError(ValueError):
    """An idea (or answer) longer than records.IDEA_MAX_LENGTH characters after trimming:
    nothing was saved. The UI text is `matching.i18n` key `store.idea_too_long` with
    `{limit}` and `{length}`."""

    message_key = "store.idea_too_long"

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"An idea may have at most {limit} characters; this one has {length}. "
            "Please shorten it."
        )
        self.length = length
        self.limit = limit

    def __reduce__(self):
        return (type(self), (self.length, self.limit))


class DirectoryError(ValueError):
    """A change the organisation directory refuses (a spelling another organisation already
    has, an empty name, a merge with itself): nothing was written. Carries the sentence in
    both languages for the page."""

    def __init__(self, message_de: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_de = message_de
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_de if lang == "de" else self.message_en

    def __reduce__(self):
        return (type(self), (self.message_de, self.message_en))
