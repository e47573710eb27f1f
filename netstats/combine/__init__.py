"""Combine: the second stage.  Parts in, one :class:`netstats.Export` out.

Enters: the parts every source reader returned.  :mod:`._load` (``netstats.load``) opens
the paths and hands each file to its reader; :mod:`._identity` links one person across
platforms; :mod:`._history` compares several exports of one account.

Leaves: an :class:`netstats.Export`: tables, owner, ``as_of``, ledger and quarantine.
"""
