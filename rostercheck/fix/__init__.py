"""The fixer: minimal changes that make a roster compliant, with OR-Tools CP-SAT.

API (used by ``rostercheck fix``)::

    result = fix_roster(roster, catalogue, FixOptions(time_limit=30, workers=2, seed=0))
    write_fixed_roster(result, roster, "fixed.xlsx")
    print_fix_summary(result)

See :mod:`rostercheck.fix.fixer` for the method, :mod:`rostercheck.fix.options`
for every cost the solver weighs.
"""

from rostercheck.fix.fixer import fix_roster
from rostercheck.fix.options import FixCosts, FixOptions
from rostercheck.fix.output import print_fix_summary, write_fixed_roster, write_reserve
from rostercheck.fix.result import Change, FixResult, Unfixable

__all__ = [
    "Change",
    "FixCosts",
    "FixOptions",
    "FixResult",
    "Unfixable",
    "fix_roster",
    "print_fix_summary",
    "write_fixed_roster",
    "write_reserve",
]
