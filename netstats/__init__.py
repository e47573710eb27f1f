"""netstats: see the truth about your professional network.

Load a LinkedIn data export into tidy pandas tables, measure how real each
relationship is, cluster contacts into segments, chart network growth against
"quality over popularity", and render a self-contained HTML report.

Examples
--------
>>> import netstats as ns
>>> ex = ns.load("data/sample")
>>> ex.owner.found_by, ex.owner.confidence
('Invitations.csv owner URL, confirmed by messages.csv (in 1,290 of 1,290 conversations)', 'certain')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._errors import (
    ExportFormatError,
    MostlyUnreadableError,
    NetstatsError,
    NotAnExportError,
    ParameterError,
    UnsafeArchiveError,
)
from ._export import Export, Owner

__version__ = "0.1.0"

# Public name -> private module.  Imported on first use so that `import netstats`
# and the CLI start fast (scikit-learn and plotly take a second to import).
_LAZY = {
    "load": "._combine",
    "contact_features": "._features",
    "tie_strength": "._quality",
    "segment_contacts": "._quality",
    "rating_sample": "._calibrate",
    "calibrate_tie_strength": "._calibrate",
    "contact_quality": "._quality",
    "planted_confusion": "._quality",
    "template_accuracy": "._quality",
    "growth": "._growth",
    "principles": "._principles",
    "introducers": "._principles",
    "link_accuracy": "._identity",
    "write_report": "._report",
    "report_summary": "._report",
    "write_sample": "._sample",
    "charts": ".charts",
    "schema": "._schema",
}

__all__ = [
    "Export",
    "ExportFormatError",
    "MostlyUnreadableError",
    "NetstatsError",
    "NotAnExportError",
    "Owner",
    "ParameterError",
    "UnsafeArchiveError",
    *_LAZY,
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'netstats' has no attribute {name!r}")
    mod = importlib.import_module(module, __name__)
    value = mod if name in ("charts", "schema") else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import _schema as schema
    from . import charts
    from ._calibrate import calibrate_tie_strength, rating_sample
    from ._combine import load
    from ._features import contact_features
    from ._growth import growth
    from ._identity import link_accuracy
    from ._principles import introducers, principles
    from ._quality import contact_quality, planted_confusion, segment_contacts, template_accuracy, tie_strength
    from ._report import report_summary, write_report
    from ._sample import write_sample
