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
from ._version import __version__

# Public name -> private module.  Imported on first use so that `import netstats`
# and the CLI start fast (scikit-learn and plotly take a second to import).
_LAZY = {
    "load": ".combine._load",
    "contact_features": ".analysis._features",
    "tie_strength": ".analysis._quality",
    "segment_contacts": ".analysis._quality",
    "rating_sample": ".analysis._calibrate",
    "calibrate_tie_strength": ".analysis._calibrate",
    "contact_quality": ".analysis._quality",
    "planted_confusion": ".analysis._quality",
    "template_accuracy": ".analysis._quality",
    "growth": ".analysis._growth",
    "principles": ".analysis._principles",
    "introducers": ".analysis._principles",
    "link_accuracy": ".combine._identity",
    "write_report": ".report._html",
    "report_summary": ".report._html",
    "write_sample": ".sample._linkedin",
    "charts": ".charts",
    "schema": ".schema",
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
    from . import charts, schema
    from .analysis._calibrate import calibrate_tie_strength, rating_sample
    from .analysis._features import contact_features
    from .analysis._growth import growth
    from .analysis._principles import introducers, principles
    from .analysis._quality import (
        contact_quality,
        planted_confusion,
        segment_contacts,
        template_accuracy,
        tie_strength,
    )
    from .combine._identity import link_accuracy
    from .combine._load import load
    from .report._html import report_summary, write_report
    from .sample._linkedin import write_sample
