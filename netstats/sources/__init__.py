"""Sources: the first stage.  Exports in, parts and their ledger out.

Enters: the bytes of an export (a .zip as downloaded, a folder or one file), opened safely
by :mod:`._archive` (allow-list of members, caps against decompression bombs, nothing
extracted).  Each platform's reader (:mod:`.linkedin`, :mod:`.meta`, :mod:`._x`,
:mod:`._whatsapp`, :mod:`._addressbook`, :mod:`._mbox`), registered in :mod:`._registry`
under one contract (:class:`._registry.Reader`), decodes and cleans its own rows into the
shared tables of :mod:`netstats.schema`.

Leaves: a list of :class:`netstats._export.Part` per platform, each with a ledger row per
file (``rows_read == kept + excluded + quarantined``) and its quarantine.
"""
