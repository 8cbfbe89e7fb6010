"""The errors both the organisation graph and the whistle lifecycle raise, so neither imports the other for them."""

from __future__ import annotations


class ArgumentError(ValueError):
    """A user-facing error that names the argument and the value at fault."""

    def __init__(self, argument: str, value: object, message: str) -> None:
        super().__init__(f"{argument}: {message} (got {value!r})")
        self.argument = argument
        self.value = value
        self.message = message


def text_fault(text: str) -> str | None:
    """Why a string is not valid text, or None: half of a UTF-16 pair (U+D800 to U+DFFF), which JSON's "\\ud800" escape
    or a command-line byte that is not UTF-8 brings into Python and which no store or converter can take."""
    at = next((at for at, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)
    return (
        None if at is None else f"not valid text: an unpaired surrogate (U+{ord(text[at]):04X}) at character {at + 1}"
    )


class StoreError(Exception):
    """A store refused a write or could not answer; nothing was changed."""
