"""Analysis: the third stage.  An Export in, tables of measures out.

Enters: an :class:`netstats.Export`.  In flow order: :mod:`._features` (one row per
contact), :mod:`._quality` (tie strength, clusters, segments; :mod:`._calibrate` fits its
weights to the owner's ratings), then :mod:`._growth` (time series) and
:mod:`._principles` (the scorecard).

Leaves: pandas DataFrames, one row per contact, period or principle.
"""
