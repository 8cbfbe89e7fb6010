"""The errors both the organisation graph and the whistle lifecycle raise, so neither imports the other for them."""

from __future__ import annotations


class ArgumentError(ValueError):
    """A user-facing error that names the argument and the value at fault."""

    def __init__(self, argument: str, value: object, message: str) -> None:
        super().__init__(f"{argument}: {message} (got {value!r})")
        self.argument = argument
        self.value = value
        self.message = message


def unpaired_surrogate(text: str) -> int | None:
    """Where a string holds half of a UTF-16 pair (U+D800 to U+DFFF), which no UTF-8 text can: JSON's "\\ud800", or a
    command-line byte that is not UTF-8, reaches Python so; None when it holds none."""
    return next((at for at, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)


def check_text(argument: str, text: str) -> str:
    """The text, or an ArgumentError naming the argument when it is not valid text (an unpaired surrogate)."""
    at = unpaired_surrogate(text)
    if at is not None:
        code = f"U+{ord(text[at]):04X}"
        raise ArgumentError(argument, text, f"not valid text: an unpaired surrogate ({code}) at character {at + 1}")
    return text


class StoreError(Exception):
    """A store refused a write or could not answer; nothing was changed."""
