"""Errors that tell the user (or the model) what went wrong and what to do next.

Every error the library raises on bad input derives from `IntegrationRiskError`
and carries a one-line message plus a `hint`. The CLI prints both and exits 2;
the MCP adapter turns them into `isError` results.
"""

from __future__ import annotations


class IntegrationRiskError(Exception):
    """Base of every expected, user-facing failure."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}. {self.hint}" if self.hint else self.message


class PathNotFound(IntegrationRiskError):
    """A path argument names nothing on disk."""


class NotADirectory(IntegrationRiskError):
    """A directory was expected but a file (or something else) was given."""


class NotAFile(IntegrationRiskError):
    """A regular file was expected."""


class OutsideRoot(IntegrationRiskError):
    """A path resolves outside the project root (directly, via `..` or a symlink)."""


class InvalidInput(IntegrationRiskError):
    """An argument or a file's content does not have the expected shape."""


class CorruptFile(IntegrationRiskError):
    """A file we own (glossary, report) exists but cannot be parsed or validated."""


class NotAGitRepository(IntegrationRiskError):
    """The path is not inside a git work tree (change scope needs one)."""


class InvalidRef(IntegrationRiskError):
    """A git ref argument is refused before git sees it (injection-shaped or malformed)."""


class RefNotFound(IntegrationRiskError):
    """A well-formed git ref names no commit in this repository (or this shallow clone)."""
