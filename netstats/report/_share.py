"""Share mode: keyed pseudonyms and small-group suppression.

A shared report must not name the people in it.  Three mechanisms:

* **Keyed pseudonyms** -- ``HMAC-SHA256(key, kind + id)``, shortened to 8
  base32 characters (40 bits).  An unkeyed hash of a name or e-mail is
  reversed by trying candidate names; a keyed one is not, as long as the key
  stays secret.  The key is 32 random bytes from :mod:`secrets`, kept in the
  user's config directory (``$XDG_CONFIG_HOME/netstats/share.key``, else
  ``~/.config/netstats/share.key``, mode 0600), never in a report.  The same
  person gets the same pseudonym everywhere a key is used; rotating (deleting)
  the key breaks that link on purpose.
* **Small-group suppression** -- a group (e.g. the contacts at one company)
  with fewer than ``k`` members is merged into "Other", and so many further
  groups that "Other" itself holds 0 or at least ``k`` members
  (complementary suppression), so no small group can be derived by
  subtraction.
* **Allow-listed columns** -- :func:`share_people` keeps only what a shared
  report shows; message text, e-mails, profile URLs and positions are dropped.

Pseudonymised data is still personal data (EDPB Guidelines 01/2025): the
report says "pseudonymised, not anonymised".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

import pandas as pd

from .. import schema as S
from .._errors import ParameterError
from .._text import name_key
from ..schema import OTHER

DEFAULT_K = 11
MIN_K = 5
KEY_BYTES = 32
KEY_FILE_NAME = "share.key"

#: Columns of the per-contact table that a shared report may show.
SHARED_PEOPLE_COLUMNS = (
    S.NAME,
    S.COMPANY,
    S.IS_CONNECTION,
    S.CONNECTED_ON,
    S.N_SENT,
    S.N_RECEIVED,
    S.N_CONVERSATIONS,
    S.LAST_MESSAGE_AT,
    S.DAYS_SINCE_LAST,
    S.RECIPROCITY,
    S.OWNER_REPLY_RATE,
    S.CONTACT_REPLY_RATE,
    S.OWNER_REPLY_HOURS,
    S.CONTACT_REPLY_HOURS,
    S.UNANSWERED_INBOUND,
    S.UNANSWERED_OUTBOUND,
    S.LOOKS_LIKE_PITCH,
    S.N_PITCH_MESSAGES,
    S.TIE_STRENGTH,
    S.CAN_VOUCH,
    S.CLUSTER,
    S.CLUSTER_LABEL,
    S.SEGMENT,
    S.PROJECTION_X,
    S.PROJECTION_Y,
    S.PLATFORMS,  # platform names and counts identify nobody
    S.TALKED_ON,
    S.IS_MULTIPLEX,
)


def default_key_path() -> Path:
    """Return where the share key lives by default: ``$XDG_CONFIG_HOME/netstats/share.key``.

    ``XDG_CONFIG_HOME`` defaults to ``~/.config`` when unset or not absolute.

    Examples
    --------
    >>> default_key_path().name
    'share.key'
    """
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "netstats" / KEY_FILE_NAME


def load_key(path: str | os.PathLike | None = None, *, create: bool = True) -> bytes:
    """Return the 32-byte share key, creating it (mode 0600) on first use.

    Parameters
    ----------
    path : path-like, optional
        The key file; default :func:`default_key_path`.
    create : bool, default True
        Create a new random key when the file does not exist.

    Raises
    ------
    ParameterError
        When the file is not a key written by netstats, or other users can read it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = load_key(Path(d) / "share.key")
    ...     same = load_key(Path(d) / "share.key") == first
    ...     mode = oct((Path(d) / "share.key").stat().st_mode & 0o777)
    >>> len(first), same, mode
    (32, True, '0o600')
    """
    key_path = Path(path) if path is not None else default_key_path()
    if not key_path.exists():
        if not create:
            raise ParameterError(
                "the share key does not exist",
                file=str(key_path),
                expected="a key file created by netstats",
                fix="run the share report once without an explicit key to create one, or pass another path",
            )
        return _create_key(key_path)
    info = key_path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ParameterError(
            "the share key path is not a regular file",
            file=str(key_path),
            fix="pass the path of the key file itself",
        )
    if info.st_mode & 0o077:
        raise ParameterError(
            "the share key can be read by other users",
            file=str(key_path),
            expected="file mode 0600 (owner only)",
            fix=f"run: chmod 600 {key_path}",
        )
    text = key_path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ParameterError(
            "the share key file does not hold a netstats key",
            file=str(key_path),
            expected=f"{2 * KEY_BYTES} hexadecimal characters",
            fix="delete the file to create a new key (pseudonyms will change), or pass the right path",
        )
    return key


def _create_key(key_path: Path) -> bytes:
    key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_key(key_path, create=False)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


class Pseudonymiser:
    """Turn identifiers into stable, keyed pseudonyms such as ``'Contact q3x7m2ka'``.

    Parameters
    ----------
    key : bytes
        At least 32 bytes, from :func:`load_key`.

    Examples
    --------
    >>> p = Pseudonymiser(bytes(32))
    >>> p.pseudonym("contact", "ann-lee") == p.pseudonym("contact", "ann-lee")
    True
    >>> p.pseudonym("contact", "ann-lee").startswith("Contact ")
    True
    >>> p.pseudonym("company", "Acme") == p.pseudonym("company", " ACME ")
    True
    """

    PREFIXES = {"contact": "Contact", "company": "Company"}

    def __init__(self, key: bytes) -> None:
        if not isinstance(key, bytes) or len(key) < KEY_BYTES:
            raise ParameterError(
                "the share key is too short",
                expected=f"at least {KEY_BYTES} bytes",
                fix="use netstats.report._share.load_key()",
            )
        self._key = key

    def __repr__(self) -> str:  # never show the key
        return "Pseudonymiser(key=<hidden>)"

    def pseudonym(self, kind: str, value: object) -> str | None:
        """Return the pseudonym of one value (``None`` for a missing value)."""
        if kind not in self.PREFIXES:
            raise ParameterError(
                f"unknown pseudonym kind {kind!r}", expected=f"one of {sorted(self.PREFIXES)}"
            )
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return None
        ident = name_key(str(value)) if kind == "company" else str(value)
        if not ident:
            return None
        digest = hmac.new(self._key, f"{kind}\x1f{ident}".encode(), hashlib.sha256).digest()
        return f"{self.PREFIXES[kind]} {base64.b32encode(digest[:5]).decode().lower()}"

    def pseudonyms(self, kind: str, values: pd.Series) -> pd.Series:
        """Vectorised :meth:`pseudonym`, computed once per distinct value."""
        codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
        mapped = [self.pseudonym(kind, u) for u in uniques]
        out = [mapped[c] if c >= 0 else None for c in codes]
        return pd.Series(out, index=values.index, dtype="string")


def suppress_small_groups(counts: pd.Series, k: int = DEFAULT_K) -> pd.Series:
    """Merge groups smaller than ``k`` into "Other", with complementary suppression.

    Every group shown has at least ``k`` members, and "Other" (the total
    minus the groups shown) holds 0 or at least ``k``: when it would hold
    1 to k-1, the smallest shown groups join it until it does not.  Only when
    the whole total is below ``k`` does "Other" hold fewer (it is then the
    total itself, and no group is shown).

    Parameters
    ----------
    counts : pandas.Series
        Group sizes indexed by group label.
    k : int, default 11
        The smallest group size shown; at least 5.

    Returns
    -------
    pandas.Series
        Sizes of the groups shown, largest first (ties by label), then "Other" when non-empty.

    Examples
    --------
    >>> sizes = pd.Series({"A": 40, "B": 11, "C": 10, "D": 3, "E": 1})
    >>> suppress_small_groups(sizes).to_dict()
    {'A': 40, 'B': 11, 'Other': 14}
    >>> suppress_small_groups(pd.Series({"A": 40, "B": 11, "C": 2})).to_dict()
    {'A': 40, 'Other': 13}
    """
    k = check_k(k)
    counts = counts[counts > 0].astype("int64")
    shown = counts[counts >= k].sort_values(ascending=True, kind="stable")
    other = int(counts.sum() - shown.sum())
    while 0 < other < k and len(shown):
        other += int(shown.iloc[0])
        shown = shown.iloc[1:]
    order = sorted(shown.index, key=lambda label: (-int(shown[label]), str(label)))
    out = shown.reindex(order)
    if other:
        out = pd.concat([out, pd.Series({OTHER: other}, dtype="int64")])
    return out.astype("int64")


def group_or_other(values: pd.Series, k: int = DEFAULT_K) -> pd.Series:
    """Replace each value whose group is suppressed (see :func:`suppress_small_groups`) by "Other".

    Missing values stay missing and are not a group.

    Examples
    --------
    >>> v = pd.Series(["A"] * 12 + ["B"] * 11 + ["C"] * 2 + [None], dtype="string")
    >>> group_or_other(v).value_counts().sort_index().to_dict()
    {'A': 12, 'Other': 13}
    """
    shown = suppress_small_groups(values.value_counts(dropna=True), k)
    keep = values.isin([label for label in shown.index if label != OTHER])
    return values.where(keep | values.isna(), OTHER).astype("string")


def share_people(people: pd.DataFrame, pseudonymiser: Pseudonymiser, k: int = DEFAULT_K) -> pd.DataFrame:
    """Return the per-contact table as a shared report may show it.

    Names become contact pseudonyms (from the contact id, so one person has
    one pseudonym), companies become company pseudonyms or "Other" (groups
    under ``k``), and the index is the pseudonym (rows sorted by it).  Only
    :data:`SHARED_PEOPLE_COLUMNS` are kept: no e-mail, profile URL, position
    or message text.

    Examples
    --------
    >>> people = pd.DataFrame({"name": ["Ann Lee", "Bo Ek"], "email": ["a@x.example", None],
    ...                        "company": ["Acme", "Acme"], "tie_strength": [50.0, 10.0]},
    ...                       index=pd.Index(["ann-lee", "bo"], name="contact_id"))
    >>> shared = share_people(people, Pseudonymiser(bytes(32)), k=5)
    >>> sorted(shared.columns), shared["company"].tolist()
    (['company', 'name', 'tie_strength'], ['Other', 'Other'])
    >>> bool(shared["name"].str.startswith("Contact ").all())
    True
    """
    ids = pd.Series(people.index.astype("string"), index=people.index)
    names = pseudonymiser.pseudonyms("contact", ids)
    columns = [c for c in SHARED_PEOPLE_COLUMNS if c in people.columns]
    out = people.loc[:, columns].copy()
    if S.NAME in out.columns:
        out[S.NAME] = names
    if S.COMPANY in out.columns:
        companies = pseudonymiser.pseudonyms("company", people[S.COMPANY])
        out[S.COMPANY] = group_or_other(companies, k)
    out.index = pd.Index(names.to_numpy(), name=S.CONTACT_ID)
    # Rows in pseudonym order: the input's order (by contact id, i.e. alphabetical by profile
    # slug) would let a reader who knows the names match them to pseudonyms.
    return out.sort_index(kind="stable")


def check_k(k: int) -> int:
    """Validate the suppression threshold."""
    if not isinstance(k, int) or isinstance(k, bool) or k < MIN_K:
        raise ParameterError(
            f"k={k!r} is too small a group size for a shared report",
            expected=f"an integer of at least {MIN_K} (default {DEFAULT_K})",
            fix=f"pass k={DEFAULT_K}",
        )
    return k
