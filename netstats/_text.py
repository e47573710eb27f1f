"""Text helpers shared by every stage: identity keys and escaping for each sink.

Every text field in an export is written by a stranger.  Data reaches a sink
only through one of these functions:

* :func:`html_text` for HTML (Jinja2 autoescape does the same in templates);
* :func:`plotly_text` for any string that plotly renders (hover, legend, ticks,
  titles): plotly honours some HTML tags and typesets ``$...$`` as TeX;
* :func:`csv_cell` / :func:`spreadsheet_safe` for CSV files a spreadsheet opens;
* :func:`term_text` for the terminal.

The identity helpers (:func:`normalise_profile_urls`, :func:`contact_ids`,
:func:`name_keys`) work on the *distinct* values of a column, so their cost
grows with the number of people, not with the number of messages; values that
are plain ASCII are handled by pyarrow kernels, the rest by the scalar
functions, with the same result.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Zero-width and bidirectional controls: invisible, and able to reorder what a
# reader sees (CVE-2021-42574).  Stripped from identity keys and labels.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_LINE_BREAKS = re.compile("\r\n|[\n\r\t\v\f\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINKEDIN_PROFILE = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/([^/?#]+)", re.IGNORECASE
)
_QUERY = re.compile(r"[?#]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# The same pattern for pyarrow (RE2), applied to ASCII values only, where the two engines agree.
_LINKEDIN_PROFILE_RE2 = r"(?i)^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/(?P<slug>[^/?#]+)"
# A profile URL already in the normal form of normalise_profile_url: it maps to itself.
_NORMAL_PROFILE_URL = r"^https://www\.linkedin\.com/in/[a-z0-9][a-z0-9\-]*$"
# The ASCII characters str.split() splits on.
_ASCII_SPACES = r"[\t\n\x0b\x0c\r\x1c-\x1f ]+"


def normalise_profile_url(url: str | None) -> str | None:
    """Return the join key form of a profile URL, or None when there is none.

    Percent-decoded (Connections.csv encodes non-ASCII slugs, the other files
    do not), stripped, lowercased, without query string, fragment or trailing
    slash, with ``https://`` added when the scheme is missing.

    Examples
    --------
    >>> normalise_profile_url(" https://www.linkedin.com/in/J%C3%BCrgen-K/?trk=x ")
    'https://www.linkedin.com/in/jürgen-k'
    >>> normalise_profile_url("www.linkedin.com/in/ann") is None
    False
    >>> normalise_profile_url("") is None
    True
    """
    if url is None or url is pd.NA or (isinstance(url, float) and url != url):
        return None
    text = unquote(str(url)).strip()
    text = _QUERY.split(text, maxsplit=1)[0].rstrip("/").strip()
    if not text:
        return None
    if not _SCHEME.match(text):
        text = "https://" + text
    return unicodedata.normalize("NFC", text).lower()


def _distinct(values: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Codes (-1: missing) and the distinct values of a text column."""
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    return codes, pa.array(pd.array(uniques, dtype="string")).cast(pa.large_string())


def _spread(codes: np.ndarray, mapped: pa.Array, index: pd.Index) -> pd.Series:
    """One value per row from one value per distinct input (missing where the code is -1)."""
    spread = pc.take(mapped.cast(pa.large_string()), pa.array(codes, mask=codes < 0))
    return pd.Series(pd.arrays.ArrowStringArray(spread), index=index)


def _scalar_where(values: pa.Array, fast: pa.Array, done: np.ndarray, function) -> pa.Array:
    """``fast`` where ``done``, else ``function`` of the value (None stays missing): the Python fallback."""
    rest = np.flatnonzero(~done)
    if not len(rest):
        return fast
    computed = pa.array([function(v) for v in pc.take(values, pa.array(rest)).to_pylist()], pa.large_string())
    return pc.replace_with_mask(fast, pa.array(~done), computed)


def normalise_profile_urls(urls: pd.Series) -> pd.Series:
    """Vectorised :func:`normalise_profile_url` (computed once per distinct value).

    Examples
    --------
    >>> normalise_profile_urls(pd.Series(["https://linkedin.com/in/A/", None], dtype="string")).tolist()
    ['https://linkedin.com/in/a', <NA>]
    """
    codes, uniques = _distinct(urls)
    # A URL already in the normal form maps to itself; the others go through normalise_profile_url.
    done = pc.fill_null(pc.match_substring_regex(uniques, _NORMAL_PROFILE_URL), False).to_numpy(
        zero_copy_only=False
    )
    return _spread(codes, _scalar_where(uniques, uniques, done, normalise_profile_url), urls.index)


def name_key(name: str | None) -> str | None:
    """Return a person's name for comparison: NFC, casefolded, invisible characters removed, spaces collapsed.

    Examples
    --------
    >>> name_key("  José\u200b  DA Silva ")
    'josé da silva'
    """
    if name is None or name is pd.NA:
        return None
    if isinstance(name, str) and name.isascii():  # no composition, no invisible characters; casefold is lower
        return " ".join(name.split()).lower() or None
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(name)))
    text = " ".join(text.split()).casefold()
    return text or None


def contact_id_for(profile_url: str | None, name: str | None = None) -> str | None:
    """Return the stable contact id: the profile slug, else ``name:<name key>``.

    The slug is taken from a normalised LinkedIn profile URL; other URLs are
    used whole.  Without a URL the id falls back to the name, a weaker key
    that the 2018-2022 exports force on us.

    Examples
    --------
    >>> contact_id_for("https://www.linkedin.com/in/ann-lee-42")
    'ann-lee-42'
    >>> contact_id_for(None, "Ann  Lee")
    'name:ann lee'
    >>> contact_id_for(None, None) is None
    True
    """
    if profile_url:
        match = _LINKEDIN_PROFILE.match(profile_url)
        return match.group(1) if match else profile_url
    key = name_key(name)
    return None if key is None else f"name:{key}"


def contact_ids(profile_urls: pd.Series, names: pd.Series | None = None) -> pd.Series:
    """Vectorised :func:`contact_id_for` over normalised URLs (and names where a URL is missing).

    Computed once per distinct URL and name.

    Examples
    --------
    >>> urls = pd.Series(["https://www.linkedin.com/in/ann", None], dtype="string")
    >>> contact_ids(urls, pd.Series(["Ann", "Bo Ek"], dtype="string")).tolist()
    ['ann', 'name:bo ek']
    """
    codes, uniques = _distinct(profile_urls)
    # ASCII URLs: the slug by the same pattern in pyarrow; an empty URL is no URL.
    ascii_text = pc.string_is_ascii(uniques)
    slug = pc.struct_field(pc.extract_regex(uniques, _LINKEDIN_PROFILE_RE2), "slug")
    fast = pc.if_else(
        pc.equal(pc.binary_length(uniques), 0), pa.scalar(None, pa.large_string()), pc.coalesce(slug, uniques)
    )
    done = pc.fill_null(ascii_text, False).to_numpy(zero_copy_only=False)
    out = _spread(codes, _scalar_where(uniques, fast, done, contact_id_for), profile_urls.index)
    if names is not None:
        missing = out.isna().to_numpy()
        if missing.any():
            keys = name_keys(names[missing])
            out[missing] = ("name:" + keys).to_numpy()
    return out


def name_keys(names: pd.Series) -> pd.Series:
    """Vectorised :func:`name_key`, computed once per distinct name.

    Examples
    --------
    >>> name_keys(pd.Series(["Ann  LEE", None, "\tJosé  Silva", " "])).tolist()
    ['ann lee', <NA>, 'josé silva', <NA>]
    """
    codes, uniques = _distinct(names)
    # ASCII names: no composition, no invisible characters, casefold is lower; spaces as str.split sees them.
    collapsed = pc.utf8_trim(pc.replace_substring_regex(uniques, _ASCII_SPACES, " "), " ")
    fast = pc.if_else(
        pc.equal(pc.binary_length(collapsed), 0),
        pa.scalar(None, pa.large_string()),
        pc.ascii_lower(collapsed),
    )
    done = pc.fill_null(pc.string_is_ascii(uniques), False).to_numpy(zero_copy_only=False)
    return _spread(codes, _scalar_where(uniques, fast, done, name_key), names.index)


# ---------------------------------------------------------------- HTML message bodies
# A body is HTML when it opens with a block tag and closes some tag later (or breaks a line with <br>),
# or when it ends with a closing block tag: InMail and sponsored bodies do.  Text that merely holds a "<",
# or opens with an inline tag only (<b>, <span>), is left as it is.  One pattern serves Python's re and
# pyarrow's RE2, so ASCII spaces are spelled out (RE2's \s means those only).
_BLOCK_TAGS = r"p|div|ol|ul|li|br|h[1-6]|table|blockquote"
HTML_BODY = (
    rf"(?is)(?:^[ \t\r\n]*<(?:{_BLOCK_TAGS})(?:[ \t\r\n/][^<>]*)?>.*(?:</[a-z]|<br)"
    r"|</(?:p|ul|ol|li|div|table|blockquote)>[ \t\r\n]*$)"
)
_HTML_BODY = re.compile(HTML_BODY, re.ASCII)
# Tags after which the text goes on on a new line.
_BLOCKS = frozenset(
    {"p", "div", "br", "ul", "ol", "li", "tr", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_HIDDEN = frozenset({"script", "style", "head", "title"})


class _TextOfHtml(HTMLParser):
    """Collect the text of an HTML fragment: blocks and list items on their own lines, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list[str]] = [[]]
        self.lists: list[list] = []  # one [tag, items numbered so far] per open <ul>/<ol>
        self.item: list | None = None  # the list whose item awaits its first text (then it gets its marker)
        self.hidden = 0

    def _break(self) -> None:
        if self.lines[-1]:
            self.lines.append([])

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        if tag in _BLOCKS:
            self._break()
        if tag == "li":
            self.item = self.lists[-1] if self.lists else ["ul", 0]

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.item is not None and data.split():
            self.item[1] += 1
            self.lines[-1].append(f"{self.item[1]}. " if self.item[0] == "ol" else "- ")
            self.item = None
        self.lines[-1].append(data)

    def text(self) -> str:
        lines = (" ".join("".join(parts).split()) for parts in self.lines)
        return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    """Whether a message body is HTML (InMail, sponsored): see ``HTML_BODY``.

    Examples
    --------
    >>> looks_like_html("<ul><li>One</li></ul>"), looks_like_html("Intro<br>then</ul>")
    (True, True)
    >>> looks_like_html("I <3 tidy data"), looks_like_html("<ping> me"), looks_like_html("<b>bold</b> claim")
    (False, False, False)
    """
    return bool(_HTML_BODY.search(text))


def html_to_text(body: str) -> str:
    r"""The text of an HTML message body: paragraphs and list items on their own lines, entities decoded.

    Uses the standard library's :class:`html.parser.HTMLParser` (tolerant of
    unclosed tags).  Items of ``<ul>`` start with ``- ``, items of ``<ol>``
    with their number; runs of spaces (``&nbsp;`` included) become one space.
    Text that does not :func:`look like HTML <looks_like_html>` is returned
    unchanged, so a plain message that merely holds a ``<`` is never altered.

    Examples
    --------
    >>> html_to_text("<p>We&rsquo;re hiring:</p><ul><li>Data&nbsp;engineer</li><li>R&amp;D lead</li></ul>")
    'We’re hiring:\n- Data engineer\n- R&D lead'
    >>> html_to_text("<ol><li>Apply</li><li>Meet us</li></ol>Thanks!")
    '1. Apply\n2. Meet us\nThanks!'
    >>> html_to_text("Costs < 5 & more > 2")
    'Costs < 5 & more > 2'
    """
    if not looks_like_html(body):
        return body
    parser = _TextOfHtml()
    parser.feed(body)
    parser.close()
    return parser.text()


def _edge_bytes(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """First and last byte of every text (0 for an empty or missing one), read from the buffers: no scan."""
    _, offsets, data = texts.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
    filled = (bounds[1:] > bounds[:-1]) & pc.is_valid(texts).to_numpy(zero_copy_only=False)
    if data is None or not filled.any():
        return np.zeros(len(texts), np.uint8), np.zeros(len(texts), np.uint8)
    data = np.frombuffer(data, dtype=np.uint8)
    first = np.where(filled, data[np.where(filled, bounds[:-1], 0)], 0)
    last = np.where(filled, data[np.where(filled, bounds[1:] - 1, 0)], 0)
    return first, last


def html_bodies_to_text(bodies: pa.Array) -> pa.Array:
    """Vectorised :func:`html_to_text`: only bodies that may be HTML are looked at, each distinct one once.

    Examples
    --------
    >>> html_bodies_to_text(pa.array(["<p>a</p>", "a < b", None, "<p>a</p>"])).to_pylist()
    ['a', 'a < b', None, 'a']
    """
    bodies = bodies.cast(pa.large_string())
    # A cheap look at both ends (a body of HTML starts with "<" or ends with ">", spaces aside) picks
    # the few bodies that might be HTML; the pattern then runs once per distinct one of them (sponsored
    # bodies repeat), not over every message.
    first, last = _edge_bytes(bodies)
    rows = np.flatnonzero(
        np.isin(first, np.frombuffer(b"< \t\r\n", np.uint8))
        | np.isin(last, np.frombuffer(b"> \t\r\n", np.uint8))
    )
    if not len(rows):
        return bodies
    encoded = pc.dictionary_encode(bodies.take(pa.array(rows)))
    texts = pa.array([html_to_text(b) for b in encoded.dictionary.to_pylist()], pa.large_string())
    mask = np.zeros(len(bodies), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(bodies, pa.array(mask), pc.take(texts, encoded.indices))


# ---------------------------------------------------------------- sinks
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
_PHONE_NOISE = re.compile(r"[\s\u00a0\u202f\u2009\u2007().\-/]")


def normalise_email(address: str | None) -> str | None:
    """Return the join key form of an e-mail address, or None when it is not one.

    Stripped, ``mailto:`` and angle brackets removed, invisible characters
    removed, lowercased.  Nothing else is changed (dots in Gmail local parts
    stay: two spellings are two keys, which can only miss a link, never make a
    false one).

    Examples
    --------
    >>> normalise_email("  <Ann.Lee@Example.ORG> ")
    'ann.lee@example.org'
    >>> normalise_email("mailto:bo@example.org"), normalise_email("urn:li:member:42")
    ('bo@example.org', None)
    """
    if address is None or address is pd.NA:
        return None
    text = _INVISIBLE.sub("", str(address)).strip()
    if text[:7].casefold() == "mailto:":
        text = text[7:]
    text = text.strip().removeprefix("<").removesuffix(">").strip().casefold()
    return text if _EMAIL.match(text) else None


def normalise_phone(number: str | None) -> str | None:
    """Return the join key form of a phone number, or None when it has fewer than 7 digits.

    Spaces (including the narrow and no-break spaces WhatsApp writes),
    punctuation and invisible marks are removed; a leading ``00`` becomes
    ``+``.  A number written without its country code keeps its national form
    (``07700900123``): it is a different key from ``+447700900123``, so it can
    only miss a link.

    Examples
    --------
    >>> normalise_phone("+44 7700 900123"), normalise_phone("\u200e+1 (555) 010-0199")
    ('+447700900123', '+15550100199')
    >>> normalise_phone("0044 7700-900123"), normalise_phone("07700 900123"), normalise_phone("112")
    ('+447700900123', '07700900123', None)
    """
    if number is None or number is pd.NA:
        return None
    text = _PHONE_NOISE.sub("", _INVISIBLE.sub("", str(number)))
    if text.startswith("00"):
        text = "+" + text[2:]
    digits = text[1:] if text.startswith("+") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) < 7:
        return None
    return text


def joined_labels(flags: pd.DataFrame) -> pd.Series:
    """Comma-join, per row, the column names whose flag is set (in column order); NA when none is.

    Computed once per distinct pattern of flags, not per row.

    Examples
    --------
    >>> flags = pd.DataFrame({"linkedin": [True, False, True], "whatsapp": [True, False, False]})
    >>> joined_labels(flags).tolist()
    ['linkedin,whatsapp', <NA>, 'linkedin']
    """
    names = [str(c) for c in flags.columns]
    if not len(flags):
        return pd.Series([], index=flags.index, dtype="string")
    bits = flags.to_numpy(dtype=bool)
    codes = bits.astype(np.int64) @ (1 << np.arange(len(names), dtype=np.int64))
    labels = {
        int(c): ",".join(n for i, n in enumerate(names) if c >> i & 1) or None for c in np.unique(codes)
    }
    return pd.Series(codes, index=flags.index).map(labels).astype("string")


def html_text(value: object) -> str:
    """Escape any value for HTML text or attribute context.

    Examples
    --------
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def plotly_text(value: object) -> str:
    """Escape a data string for plotly: tags become literal text and ``$`` is never typeset.

    plotly.js honours ``<a>``, ``<b>``, ``<span style>`` ... in labels and hover
    text, and typesets ``$...$`` with MathJax.  ``quote=False`` because
    plotly's entity table lacks ``&quot;``.  Bidi and zero-width controls are
    removed so a label cannot reorder what follows it.

    Examples
    --------
    >>> plotly_text('<a href="https://evil.example">Re-login</a> raised $2M')
    '&lt;a href="https://evil.example"&gt;Re-login&lt;/a&gt; raised &#36;2M'
    """
    text = "" if value is None or value is pd.NA else str(value)
    text = _INVISIBLE.sub("", _CONTROL.sub("\ufffd", text))
    return html.escape(text, quote=False).replace("$", "&#36;")


def plotly_texts(values: pd.Series) -> pd.Series:
    """Vectorised :func:`plotly_text` for a Series of labels."""
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    mapped = [plotly_text(u) for u in uniques]
    return pd.Series([mapped[c] if c >= 0 else "" for c in codes], index=values.index, dtype="string")


_FORMULA_START = tuple("=+-@\t\r\n\0|%")


def csv_cell(value: object) -> object:
    """Neutralise a text cell that a spreadsheet would run as a formula (OWASP CSV injection).

    A text value whose first character is one of ``= + - @ TAB CR LF NUL | %``,
    or that starts with ``= + - @`` after leading spaces and controls, gets a
    leading ``'``.  Non-text values are returned unchanged.

    Examples
    --------
    >>> csv_cell('=HYPERLINK("https://evil.example")')
    '\\'=HYPERLINK("https://evil.example")'
    >>> csv_cell("Acme"), csv_cell(-2)
    ('Acme', -2)
    >>> csv_cell("  =1+1")
    "'  =1+1"
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START) or value.lstrip(" \t\r\n\0\x0b\x0c").startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text columns are neutralised with :func:`csv_cell`.

    Numeric, boolean and datetime columns are left alone (a ``-2`` count stays a
    number).  The transform is lossy on purpose: keep the Parquet file for
    analysis, give the CSV to spreadsheets.

    Examples
    --------
    >>> df = pd.DataFrame({"company": ["=cmd", "Acme"], "n": [-2, 3]})
    >>> spreadsheet_safe(df)["company"].tolist(), spreadsheet_safe(df)["n"].tolist()
    (["'=cmd", 'Acme'], [-2, 3])
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
            text = series.astype("string")
            risky = text.str.match(r"^(?:[=+\-@\t\r\n\x00|%]|[ \t\r\n\x00\x0b\x0c]+[=+\-@])", na=False)
            if risky.any():
                text = text.where(~risky, "'" + text)
            out[column] = text if pd.api.types.is_string_dtype(series.dtype) else text.astype(object)
    return out


def term_text(value: object) -> str:
    """Make a value safe to print on one terminal line: control characters (ESC included) become U+FFFD.

    Line breaks and tabs become spaces, so that a name written by a stranger
    can never start a line of its own that looks like netstats talking.

    Examples
    --------
    >>> term_text("Bob\\x1b[2J")
    'Bob\\ufffd[2J'
    >>> term_text("Mallory\\nnetstats: report written to /home/you/report.html")
    'Mallory netstats: report written to /home/you/report.html'
    """
    text = "" if value is None or value is pd.NA else str(value)
    return _CONTROL.sub("\ufffd", _INVISIBLE.sub("", _LINE_BREAKS.sub(" ", text)))


# ---------------------------------------------------------------- arrow helpers shared by the stages
def arrow_text(series: pd.Series) -> pa.Array:
    """A text column as one pyarrow array, missing values kept (no copy when it is already arrow-backed).

    Examples
    --------
    >>> arrow_text(pd.Series(["Ann", None])).to_pylist()
    ['Ann', None]
    """
    text = series.astype("string")
    if getattr(text.dtype, "storage", None) == "pyarrow":
        return pa.array(text.array)
    return pa.array(text.to_numpy(dtype=object, na_value=None), type=pa.string())


def regex_matches(values: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Whether each value holds a match of ``pattern`` (a missing value never does), as a numpy bool array.

    Examples
    --------
    >>> regex_matches(pa.array(["Missed voice call", None, "hello"]), r"^Missed (voice|video) call$")
    array([ True, False, False])
    """
    return pc.fill_null(pc.match_substring_regex(values, pattern), False).to_numpy(zero_copy_only=False)
