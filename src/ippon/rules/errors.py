"""The two ways a contest log can be wrong, each with the line it concerns."""

from __future__ import annotations


class LogFormatError(ValueError):
    """The contest log cannot be read: bad JSON, an unknown event type, a missing or invalid
    field, or time running backwards. `line` is the physical 1-based line of the log."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class IllegalEvent(ValueError):
    """The rules refuse the event ("Blue already has hansoku-make; the contest is over").
    The message is written for the table official; `line` is the event's line in the log."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message
