"""The errors both the organisation graph and the whistle lifecycle raise, so neither imports the other for them."""

from __future__ import annotations


class ArgumentError(ValueError):
    """A user-facing error that names the argument and the value at fault."""

    def __init__(self, argument: str, value: object, message: str) -> None:
        super().__init__(f"{argument}: {message} (got {value!r})")
        self.argument = argument
        self.value = value
        self.message = message


class StoreError(Exception):
    """A store refused a write or could not answer; nothing was changed."""
