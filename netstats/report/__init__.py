"""Report: the last stage.  Measures in, files out.

Enters: an Export and the tables of the analysis stage.  :mod:`._html` builds a plain
summary dict, the figures of :mod:`netstats.charts`, and renders ``templates/`` through
Jinja2 with autoescape into one HTML file; :mod:`._share` pseudonymises it for share mode;
:mod:`._tables` writes the cleaned tables as spreadsheet-safe CSV (``netstats clean``).

Leaves: files on disk.
"""
