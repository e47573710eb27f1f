"""The netstats exception hierarchy.

Every error netstats raises on purpose derives from :class:`NetstatsError` and
from the closest built-in, so ``except ValueError`` keeps working for callers
who do not know netstats.  Messages teach: what was wrong, where (file, line),
what was expected, and how to fix it.  They never quote a cell value: exports
are private and a traceback is often pasted into a public issue.
"""

from __future__ import annotations

import re
import unicodedata

from . import schema as S


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


class OutputPathError(NetstatsError, OSError):
    """The place to write to is wrong.

    A folder where a file is expected, a file where a folder is, or a place that cannot be written to.
    """


class MostlyUnreadableError(ExportFormatError):
    """More than half of a file's data rows could not be read: a partial result would mislead.

    Raised instead of returning a confident, nearly empty result (a day-first
    spreadsheet re-save once made a report say "This export holds no
    connections").  The message gives the file, how many rows, the *shape* of
    a typical bad value (never the value), the probable cause and the fix.
    """


# A quarantine reason that names a value's shape says so this way (see value_shape).
SHAPE_MARK = "shaped "
_MAX_SHAPE = 24


def value_shape(value: str) -> str:
    """The shape of a value, safe to print: digits become ``N``, letters ``A``/``a``, ASCII punctuation kept.

    Errors and quarantine reasons quote shapes, never values: an export is
    private, and a message is often pasted into a public issue.

    Examples
    --------
    >>> value_shape("21/11/2024")
    'NN/NN/NNNN'
    >>> value_shape("9-Sep-22")
    'N-Aaa-NN'
    >>> value_shape("Zoë 😀 ❤ नमस्ते")
    'Aaa ? ? aaaa'
    >>> value_shape("2024-11-21T10:00:00.000+01:00 and more text")
    'NNNN-NN-NNANN:NN:NN.NNN+…'
    """
    out = []
    for char in value.strip()[: _MAX_SHAPE + 1]:
        if char.isdigit() or char.isnumeric():
            out.append("N")
        elif char.isalpha():
            out.append("A" if char.isupper() else "a")
        elif char.isspace():
            out.append(" ")
        elif char.isascii() and char.isprintable():
            out.append(char)
        elif unicodedata.category(char).startswith("M"):
            continue  # a combining mark (a vowel sign, an accent) belongs to the letter before it
        else:
            out.append("?")  # a symbol or emoji could carry as much as a word: only ASCII punctuation stays
    shape = "".join(out)
    return shape[:_MAX_SHAPE] + "…" if len(shape) > _MAX_SHAPE else shape


def _cause_and_fix(reason: str) -> tuple[str, str]:
    if "not UTF-8" in reason:
        return (
            "its text is not UTF-8 (re-saved by a spreadsheet in another encoding?)",
            "pass the encoding it was saved with (encoding='cp1252' to netstats.load, --encoding cp1252 "
            "on the command line), or use the file from the original download",
        )
    if "date" in reason.lower() or "time" in reason.lower():
        like = re.search(r"expected like ([^)]+)\)", reason)
        return (
            "its dates are in another format than the export writes (re-saved in a spreadsheet, "
            "e.g. with day-first dates?)",
            "use the file from the original download, or save the dates as the export wrote them"
            + (f" (like {like.group(1)})" if like else ""),
        )
    if "fields where the header has" in reason:
        return (
            "its records do not have the header's columns (the delimiter or the quoting changed: "
            "re-saved by a spreadsheet or an editor?)",
            "use the file from the original download",
        )
    return (
        "it is not in the shape this export writes (edited, re-saved or cut?)",
        "use the file from the original download",
    )


def _file_kind(file: str) -> str:
    """Files that differ only in a folder of their own and the numbers in their name are of one kind.

    >>> _file_kind("messages/inbox/ann_12ab/message_2.json"), _file_kind("Connections.csv")
    ('messages/inbox/*/message_N.json', 'Connections.csv')
    """
    *folders, name = file.replace("\\", "/").split("/")
    name = re.sub(r"\d+", "N", name)
    return "/".join([*folders[:-1], "*", name]) if folders else name


def refuse_mostly_set_aside(ledger, quarantine) -> None:
    """Raise :class:`MostlyUnreadableError` for the first file where more rows are quarantined than kept.

    Rows excluded by a rule (hidden profiles, drafts) are not data; of the
    rest, more than half set aside (every row, in a small file) means the
    file is not in the shape netstats reads, and a result built on the few
    rows left would mislead.

    Parameters
    ----------
    ledger : pandas.DataFrame
        ``LEDGER_COLUMNS`` (file, rows_read, kept, excluded, quarantined).
    quarantine : pandas.DataFrame
        ``QUARANTINE_COLUMNS``: the reasons give the shape of the bad values.

    Examples
    --------
    >>> import pandas as pd
    >>> ledger = pd.DataFrame({"file": ["Connections.csv"], "rows_read": [3], "kept": [1],
    ...                        "excluded": [0], "quarantined": [2]})
    >>> reason = ("Connected On is not a date in a known format: a value shaped NN/NN/NNNN"
    ...           " (expected like 08 Feb 2026)")
    >>> quarantine = pd.DataFrame({"file": ["Connections.csv"] * 2, "reason": [reason] * 2})
    >>> refuse_mostly_set_aside(ledger, quarantine)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    netstats._errors.MostlyUnreadableError: Connections.csv: 2 of its 3 data rows could not be read
    (typically: Connected On is not a date in a known format: a value shaped NN/NN/NNNN
    (expected like 08 Feb 2026)); its dates are in another format than the export writes
    (re-saved in a spreadsheet, e.g. with day-first dates?).
    Expected: rows in the format the export writes; netstats stops rather than report on the few rows left.
    Fix: use the file from the original download, or save the dates as the export wrote them
    (like 08 Feb 2026).
    """
    import pandas as pd  # here, not at the top: `import netstats` stays light

    files = ledger[S.FILE].astype(str)
    # Files of one kind (a Messenger thread's message_1.json in each of a thousand folders) are judged
    # together: one odd message in a one-message thread is a quarantined row, not an unreadable export.
    kinds = files.map(_file_kind)
    totals = pd.DataFrame(
        {"kind": kinds, "kept": ledger[S.KEPT].astype(int), "quarantined": ledger[S.QUARANTINED].astype(int)}
    )
    totals = totals.groupby("kind", sort=False).sum()
    for kind, kept, quarantined in zip(totals.index, totals["kept"], totals["quarantined"], strict=True):
        if quarantined == 0 or quarantined <= kept:
            continue
        members = files[kinds.eq(kind).to_numpy(bool)]
        reasons = quarantine.loc[
            quarantine[S.FILE].astype(str).isin(members).to_numpy(bool), S.REASON
        ].astype(str)
        typical = reasons.value_counts().index[0] if len(reasons) else "unreadable"
        cause, fix = _cause_and_fix(typical)
        rows = (
            f"{quarantined:,} of {'its' if len(members) == 1 else 'their'} {quarantined + kept:,} data rows"
        )
        raise MostlyUnreadableError(
            f"{rows} could not be read (typically: {typical}); {cause}",
            file=members.iloc[0] if len(members) == 1 else f"{kind} ({len(members):,} files)",
            expected="rows in the format the export writes; "
            "netstats stops rather than report on the few rows left",
            fix=fix,
        )
