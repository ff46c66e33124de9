"""Bad input, reported the way a compiler reports it: `file:row:column: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | str | None
    column: int | str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] + [str(p) for p in (self.row, self.column) if p not in (None, "")]
        return f"{':'.join(where)}: {self.message}"


class BadInput(Exception):
    """Input that itemclean refuses; carries every problem found, so all are reported at once."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("", None, None, p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p).removeprefix(": ") for p in self.problems)


class Refused(Exception):
    """The command worked and the answer is no (approve with blockers, a stale decision): exit 1."""
