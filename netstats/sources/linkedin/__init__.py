"""LinkedIn: the reader of the LinkedIn data export (all header eras since 2018).

Enters: the CSV files of the export.  :mod:`._csv` finds each header by its signature and
reads the table as text; :mod:`._clean` types it, applies LinkedIn's rules (hidden
profiles, drafts, sponsored rows) and counts every row.

Leaves: LinkedIn's :class:`netstats._export.Part` with its ledger and quarantine.
"""
