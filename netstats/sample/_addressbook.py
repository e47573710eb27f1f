"""Address books: Google Contacts CSV and the phone's vCard file.

:func:`google_contacts` writes ``google_contacts.csv`` and :func:`vcard` writes ``contacts.vcf``; the
names, numbers and e-mail addresses they hold are the keys identity resolution links people by,
and the office switchboard number shared by three entries is a collision it must not merge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema as S
from ._world import _NICKNAMES, SWITCHBOARD, _phone_views, _World


def google_contacts(world: _World) -> None:
    """Write google_contacts.csv: the current header, ``:::`` multi-values, an address with line breaks."""
    rng, p = world.rng, world.p
    people = [i for i in np.flatnonzero(p["google"].to_numpy(dtype=bool)).tolist() if i != 0]
    people.sort(key=lambda i: (p.at[i, "first"].casefold(), p.at[i, "last"].casefold(), i))
    header = [
        "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
        "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
        "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
        "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value",
        "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
        "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
        "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
        "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value",
    ]  # fmt: skip
    rows = []
    multi_phone_done = False
    for number, i in enumerate(people, start=1):
        world.record(S.GOOGLE_CONTACTS, f"google_contacts:{number}", i)
        row = dict.fromkeys(header, "")
        row["First Name"], row["Last Name"] = p.at[i, "first"], p.at[i, "last"]
        kind = p.at[i, S.PLANTED_KIND]
        row["Labels"] = (
            "Family ::: * myContacts"
            if kind == "family"
            else ("* myContacts ::: * starred" if kind == "core" else "* myContacts")
        )
        if p.at[i, S.COMPANY] and rng.random() < 0.7:
            row["Organization Name"], row["Organization Title"] = p.at[i, S.COMPANY], p.at[i, S.POSITION]
        if p.at[i, "first"] in _NICKNAMES and rng.random() < 0.5:
            row["Nickname"] = _NICKNAMES[p.at[i, "first"]]
        if p.at[i, S.EMAIL]:
            row["E-mail 1 - Label"] = "* Work" if p.at[i, S.CONTACT_ID] and rng.random() < 0.4 else "* Home"
            row["E-mail 1 - Value"] = p.at[i, S.EMAIL]
        if p.at[i, S.PHONE]:
            intl, national = _phone_views(p.at[i, S.PHONE])
            row["Phone 1 - Label"] = "Mobile"
            unsaved_on_whatsapp = p.at[i, "wa"] and not p.at[i, "book"]
            row["Phone 1 - Value"] = intl if unsaved_on_whatsapp or rng.random() < 0.6 else national
            if not multi_phone_done and world.spare_phones:
                row["Phone 1 - Value"] += " ::: " + _phone_views(world.spare_phones[0])[0]
                multi_phone_done = True
        if rng.random() < 0.15:
            row["Birthday"] = f"--{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        if rng.random() < 0.12:
            row["Notes"] = "Met at PyData Lisbon, 2023.\nIntro via a friend; likes dashboards."
        if rng.random() < 0.1:
            row["Address 1 - Label"] = "* Home"
            row["Address 1 - Formatted"] = "Rua das Flores 12\n1200-195 Lisboa\nPT"
            row["Address 1 - Street"] = "Rua das Flores 12"
            row["Address 1 - City"] = "Lisboa"
            row["Address 1 - Postal Code"] = "1200-195"
            row["Address 1 - Country"] = "PT"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=header)
    world.files["google_contacts.csv"] = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def vcard(world: _World) -> None:
    """Write contacts.vcf, the phone's address book: vCard 3.0, CRLF, folded at 75 octets."""
    rng, p = world.rng, world.p
    people = [i for i in np.flatnonzero(p["book"].to_numpy(dtype=bool)).tolist() if world.saved[i]]
    people.sort(key=lambda i: (world.saved[i].casefold(), i))
    cards = []
    for number, i in enumerate(people, start=1):
        world.record(S.VCARD, f"vcard:{number}", i)
        saved = world.saved[i]
        first, last = p.at[i, "first"], p.at[i, "last"]
        if saved == p.at[i, S.NAME]:
            n_field = f"{_vcard_text(last)};{_vcard_text(first)};;;"
        else:
            n_field = f";{_vcard_text(saved)};;;"
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_text(saved)}", f"N:{n_field}"]
        if p.at[i, S.PHONE]:
            intl, national = _phone_views(p.at[i, S.PHONE])
            national_form = rng.random() < 0.35 and p.at[i, S.PLANTED_KIND] != "family"
            lines.append(f"TEL;TYPE=CELL:{national if national_form else intl}")
        if i in world.switchboard:
            lines.append(f"TEL;TYPE=WORK:{SWITCHBOARD}")
            lines.append(f"ORG:{_vcard_text(world.switchboard_company)}")
        elif p.at[i, S.COMPANY] and p.at[i, S.CONTACT_ID] and rng.random() < 0.5:
            lines.append(f"ORG:{_vcard_text(p.at[i, S.COMPANY])}")
            if p.at[i, S.POSITION]:
                lines.append(f"TITLE:{_vcard_text(p.at[i, S.POSITION])}")
        if p.at[i, S.EMAIL]:
            if rng.random() < 0.5:
                lines.append(f"EMAIL;TYPE=INTERNET;TYPE=HOME:{p.at[i, S.EMAIL]}")
            else:
                lines.append(f"item1.EMAIL;TYPE=INTERNET:{p.at[i, S.EMAIL]}")
                lines.append("item1.X-ABLabel:Personal")
        lines.append("CATEGORIES:myContacts" + (",starred" if p.at[i, S.PLANTED_KIND] == "family" else ""))
        if rng.random() < 0.15 or i == 0:
            note = (
                "My own card."
                if i == 0
                else f"Saved after we met in {world.pick(('Lisbon', 'Porto', 'Berlin'), 1)[0]}, {first}; "
                "ask about the project\nand the kids' names (Léa, Tomás)."
            )
            lines.append(f"NOTE:{_vcard_text(note)}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(line) for line in lines))
    world.files["contacts.vcf"] = ("\r\n".join(cards) + "\r\n").encode("utf-8")


def _vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a vCard content line at 75 octets, never inside a UTF-8 character (RFC 2425)."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)
