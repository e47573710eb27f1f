"""Sample: synthetic exports with planted truth, beside the flow (used by tests and notebooks).

:mod:`._linkedin` writes a LinkedIn export of any era; :mod:`._platforms` the same people's
exports of the other platforms.  The planted truth (who is core, dormant, ...) is written
beside the export so that tests can compare what the analysis finds with what was planted.
Nothing in the flow imports this package.
"""
