"""The netstats exception hierarchy.

Every error netstats raises on purpose derives from :class:`NetstatsError` and
from the closest built-in, so ``except ValueError`` keeps working for callers
who do not know netstats.  Messages teach: what was wrong, where (file, line),
what was expected, and how to fix it.  They never quote a cell value: exports
are private and a traceback is often pasted into a public issue.
"""

from __future__ import annotations


class NetstatsError(Exception):
    """Base class of every error netstats raises on purpose.

    Parameters
    ----------
    problem : str
        What was wrong, in one sentence.
    file : str, optional
        The file (or archive member) concerned.
    line : int, optional
        The 1-based physical line in ``file``.
    expected : str, optional
        What netstats expected to find.
    fix : str, optional
        How the user can fix it.

    Examples
    --------
    >>> err = NetstatsError("unknown header", file="messages.csv", line=1,
    ...                     expected="a LinkedIn messages header", fix="check the file")
    >>> print(err)
    messages.csv, line 1: unknown header. Expected: a LinkedIn messages header. Fix: check the file.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.expected = expected
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}, line {self.line}"
            where += ": "
        text = f"{where}{self.problem.rstrip('.')}."
        if self.expected:
            text += f" Expected: {self.expected.rstrip('.')}."
        if self.fix:
            text += f" Fix: {self.fix.rstrip('.')}."
        return text


class ExportFormatError(NetstatsError, ValueError):
    """A file is not in a shape netstats recognises (unknown header, bad quoting, bad encoding)."""


class NotAnExportError(NetstatsError, FileNotFoundError):
    """The path is missing, empty, or holds none of the files of a data export."""


class UnsafeArchiveError(NetstatsError, ValueError):
    """An archive was refused: too large, too compressed, overlapping entries, ambiguous or corrupt."""


class ParameterError(NetstatsError, ValueError):
    """A public function was called with a value outside its allowed range."""
