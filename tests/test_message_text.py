"""Message text from HTML bodies (issue 13, point 3): the shapes real InMail and sponsored bodies take.

``research/real_export_findings.md`` ("Message text"): list items fused into one
word, raw tags kept, entities shown literally, bodies that start with ``<ol>``
or end with ``</ul>``.  Plain text that merely holds a ``<`` is never altered.
"""

from __future__ import annotations

import html

import pyarrow as pa
import pytest
from exports import OWNER, Person, load_export, message, sponsored
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._text import html_bodies_to_text, html_to_text, looks_like_html

ANN = Person("Ann", "Lee", "ann-lee")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # list items on their own lines (they were fused: "</li>" dropped without a separator)
        ("<p>Open roles:</p><ul><li>Data engineer</li><li>Analyst</li></ul>", "Open roles:\n- Data engineer\n- Analyst"),
        # a body that starts with <ol>
        ("<ol><li>Apply</li><li>Meet the team</li></ol><p>Thanks!</p>", "1. Apply\n2. Meet the team\nThanks!"),
        # a body that ends with </ul> and does not start with a tag
        ("Hi Ada, we offer:<ul><li>Remote</li><li>Equity</li></ul>", "Hi Ada, we offer:\n- Remote\n- Equity"),
        # entities decoded: &rsquo; &nbsp; &amp; (a no-break space becomes a space)
        ("<p>We&rsquo;re&nbsp;hiring in R&amp;D</p>", "We\u2019re hiring in R&D"),
        # <strong> inside a paragraph, <br> variants, spaces and newlines of the source collapse
        ("<p>Hello <strong>Ada</strong>,<br>line two<br/>line\n   three</p>", "Hello Ada,\nline two\nline three"),
        # nested lists and an unclosed <li>
        ("<ul><li>One<ul><li>One.a</li></ul></li><li>Two</ul>", "- One\n- One.a\n- Two"),
        # style and script content is not text
        ("<div><style>p {color: red}</style><p>Visible</p></div>", "Visible"),
        # the spinmail paragraph of sponsored messages
        ('<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, grow</p>', "Hi %FIRSTNAME%, grow"),
    ],
)
def test_html_bodies_become_text(body, text):
    assert looks_like_html(body)
    assert html_to_text(body) == text


@pytest.mark.parametrize(
    "plain",
    [
        "I <3 tidy data",
        "if a < b and b > c then a < c",
        "<ping> me when you land",
        "<b>not</b> a paragraph &amp; kept",  # an inline tag at the start is not enough
        "<p>unclosed paragraph",  # a block tag that closes nothing
        "Use </p> to close a paragraph, e.g. <p>x",
        "",
    ],
)
def test_plain_text_that_merely_holds_a_tag_is_never_altered(plain):
    assert not looks_like_html(plain)
    assert html_to_text(plain) == plain


def test_the_vectorised_form_parses_only_html_bodies_and_keeps_missing_values():
    bodies = pa.array(["<ul><li>a</li><li>b</li></ul>", "a < b", None, "<ul><li>a</li><li>b</li></ul>", "x</p>"])
    assert html_bodies_to_text(bodies).to_pylist() == ["- a\n- b", "a < b", None, "- a\n- b", "x"]


# ---------------------------------------------------------------- properties
_NOT_TAG_START = st.characters(blacklist_characters="<", blacklist_categories=("Cs",))


@settings(max_examples=300, deadline=None)
@given(first=_NOT_TAG_START, rest=st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_text_that_does_not_open_with_a_tag_nor_close_a_block_is_kept_whole(first, rest):
    text = first + rest
    if looks_like_html(text):  # only bodies ending with a closing block tag are read as HTML
        assert text.rstrip(" \t\r\n").lower().endswith(("</p>", "</ul>", "</ol>", "</li>", "</div>", "</table>", "</blockquote>"))
    else:
        assert html_to_text(text) == text
        assert html_bodies_to_text(pa.array([text])).to_pylist() == [text]


_WORDS = st.text(alphabet=st.sampled_from("abcXYZ &<>\"'\u00e9\u2019 \u00a0"), min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(intro=_WORDS, items=st.lists(_WORDS, min_size=1, max_size=6), ordered=st.booleans())
def test_every_list_item_is_a_line_of_its_own_with_its_text_decoded(intro, items, ordered):
    tag = "ol" if ordered else "ul"
    body = f"<p>{html.escape(intro)}</p><{tag}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>"

    def words(t: str) -> str:
        return " ".join(t.replace("\u00a0", " ").split())

    expected = [words(intro)] if words(intro) else []
    kept = [words(i) for i in items if words(i)]
    expected += [f"{n}. {w}" if ordered else f"- {w}" for n, w in enumerate(kept, start=1)]
    assert html_to_text(body).split("\n") == (expected or [""])


# ---------------------------------------------------------------- through load
def test_loaded_inmail_and_sponsored_bodies_are_text_and_people_s_messages_are_as_written(tmp_path):
    inmail = "<p>Hi Ada,</p><ul><li>Remote&nbsp;first</li><li>R&amp;D budget</li></ul>"
    ex = load_export(
        tmp_path,
        messages=[
            message("c1", ANN, [OWNER], "2026-01-05 09:00", inmail),
            message("c1", OWNER, [ANN], "2026-01-05 10:00", "Thanks <Ann>, I'd say 3 < 4"),
            sponsored("s1", OWNER, "2026-01-06 09:00", "Grow your team with us:<ul><li>Fast</li><li>Cheap</li></ul>"),
        ],
    )
    got = ex.messages.set_index(S.SENT_AT)[S.CONTENT].tolist()
    assert got == [
        "Hi Ada,\n- Remote first\n- R&D budget",
        "Thanks <Ann>, I'd say 3 < 4",
        "Grow your team with us:\n- Fast\n- Cheap",
    ]
    assert ex.messages[S.IS_SPONSORED].tolist() == [False, False, True]


_BODY = st.one_of(
    st.text(max_size=12),
    st.builds(lambda a, b: f"<p>{a}</p><ul><li>{b}</li></ul>", st.text(max_size=8), st.text(max_size=8)),
    st.builds(lambda a: f"{a}</ul>", st.text(max_size=8)),
    st.sampled_from(["", " <p>x</p>\n", "a < b", "<b>x</b>", "x>"]),
    st.none(),
)


@settings(max_examples=200, deadline=None)
@given(bodies=st.lists(_BODY, max_size=8), skip=st.integers(0, 3))
def test_the_vectorised_form_gives_what_the_scalar_form_gives(bodies, skip):
    array = pa.array(bodies, pa.large_string()).slice(min(skip, len(bodies)))
    expected = [None if b is None else html_to_text(b) for b in bodies[min(skip, len(bodies)) :]]
    assert html_bodies_to_text(array).to_pylist() == expected
