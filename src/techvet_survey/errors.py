"""Exceptions of the package.

Every user-facing error derives from :class:`TechvetError`, so the CLI can print it as
one line with a fix instead of a traceback.
"""


class TechvetError(Exception):
    """Base class of the package's user-facing errors."""


class CodebookError(TechvetError, ValueError):
    """The codebook is inconsistent; the message lists every problem found."""


class InputError(TechvetError, ValueError):
    """An input file or table cannot be used; the message names file, row, column and fix."""


class ArgumentError(TechvetError, ValueError):
    """A function or command was called with an invalid argument; the message names it."""


class NotAnExport(InputError):
    """A file that holds no responses (a project database, a document, a survey
    structure): skipped in a raw folder, with the message saying what to export.

    ``reason`` is the short reason listed in ``files.csv`` (the message by default).
    """

    def __init__(self, message: str, *, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message
