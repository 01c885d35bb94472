"""Check kinds, one module each. The registry maps a norm's ``check`` to its module.

Every location check module exposes ``check(norm, norm_set, roster, location_id) ->
list[Finding]`` and documents, in its module docstring, what it checks, why, and what
its findings look like (the docstring *is* the rule's documentation; a test refuses a
check module without one). ``roster.py`` (check ``roster``: one person in two places)
belongs to no norm set: the checker runs it once per roster. Modules are imported when a norm of their kind first
runs, so a check kind still being written does not stop the others.

Besides the norms of the set, :func:`run_location_norm_set` applies one rule of the
norm set's products themselves: a product with ``requires_one_of`` delivered at a
location on days none of the required products is delivered there. Both are
surcharges on a base product: 001 "15N16 Toeslag wakende wacht" only together with
15N12 or 15N13; 000 "Opslag kindplaats" only with Herstelgericht verblijf ("Naast
een indicatie voor herstelgericht verblijf wordt deze opslag toegekend"; the text
names HGV only, so Terugvalvoorziening does not carry it). That finding has check
``coverage`` (the surcharge pays for something *on top of* the base product's
presence; without the base product that presence is not contracted at all), norm
id ``<product>-requires-one-of`` (e.g. ``15N16-requires-one-of``), severity error,
unit ``product``, the product's own citation, one finding per contiguous run of
such days. It also adds the client-hours ``input`` warning about clients that
``Producten`` counts and ``Begeleiding`` never names
(:func:`rostercheck.checks.client_hours.unrecorded_clients`), once per location.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from rostercheck.findings import CheckKind, Finding, Severity
from rostercheck.model import Roster
from rostercheck.normsets.schema import NormSet, Product

# norm "check" -> module with check(norm, norm_set, roster, location_id)
LOCATION_CHECKS: dict[str, str] = {
    "coverage": "rostercheck.checks.coverage",
    "share": "rostercheck.checks.share",
    "level": "rostercheck.checks.level",
    "role": "rostercheck.checks.role",
    "client_hours": "rostercheck.checks.client_hours",
}
# employee-scoped sets (working-time law, CAO overlays): one entry for the whole set
EMPLOYEE_CHECKS_MODULE = "rostercheck.checks.labour_law"


def check_module(kind: str) -> ModuleType:
    """The module of a location check kind (imported on first use; asked for per norm
    and location, so remembered: ``import_module`` costs a few microseconds each time)."""
    module = _MODULES.get(kind)
    if module is None:
        try:
            name = LOCATION_CHECKS[kind]
        except KeyError:
            raise ValueError(f"no location check kind {kind!r}; known: {', '.join(LOCATION_CHECKS)}") from None
        module = _MODULES[kind] = import_module(name)
    return module


_MODULES: dict[str, ModuleType] = {}


def run_location_norm_set(norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    """Every norm of the set whose products are delivered at the location in the
    period (``scope.active_days``), plus the product-combination rule."""
    from rostercheck.checks._common import active_days

    findings: list[Finding] = []
    for norm in norm_set.norms:
        if norm.check == "labour_law":  # belongs to employee-scoped sets only
            continue
        if not active_days(roster, location_id, norm.products):
            continue
        findings.extend(check_module(norm.check).check(norm, norm_set, roster, location_id))
    for product in norm_set.products:
        if product.requires_one_of:
            findings.extend(_product_combination(norm_set, product, roster, location_id))
    if any(n.check == "client_hours" for n in norm_set.norms):
        findings.extend(check_module("client_hours").unrecorded_clients(norm_set, roster, location_id))
    return findings


def run_location_norm_sets(plan: list[tuple[NormSet, str]], roster: Roster) -> list[Finding]:
    """:func:`run_location_norm_set` for each (set, location) of ``plan``, in order.
    A check module that can compute a norm for many locations at once more cheaply
    than one by one (coverage: one sweep over a thousand small locations instead of
    a thousand sweeps) offers ``prepare(norm, roster, location_ids)``; it is given
    the locations of the plan where the norm applies, before they are checked."""
    from rostercheck.checks._common import active_days

    per_set: dict[int, tuple[NormSet, list[str]]] = {}
    for norm_set, location_id in plan:
        per_set.setdefault(id(norm_set), (norm_set, []))[1].append(location_id)
    for norm_set, location_ids in per_set.values():
        for norm in norm_set.norms:
            if norm.check == "labour_law" or len(location_ids) < 2:
                continue
            prepare = getattr(check_module(norm.check), "prepare", None)
            if prepare is not None:
                at = [loc for loc in location_ids if active_days(roster, loc, norm.products)]
                if at:
                    prepare(norm, roster, at)
    return [f for norm_set, location_id in plan for f in run_location_norm_set(norm_set, roster, location_id)]


def run_employee_norm_sets(norm_sets: list[NormSet], roster: Roster) -> list[Finding]:
    """Employee-scoped sets (Arbeidstijdenwet plus a CAO overlay) over every employee,
    evaluated together so an overlay's ``replaces`` is honoured."""
    return import_module(EMPLOYEE_CHECKS_MODULE).check_employee_sets(norm_sets, roster)


def run_employee_norm_sets_part(norm_sets: list[NormSet], roster: Roster, part: int, parts: int) -> list[Finding]:
    """:func:`run_employee_norm_sets` for one slice of the employees (the parallel check's
    unit of work); joined in slice order and sorted by ``Finding.sort_key``, the slices
    give the whole list."""
    return import_module(EMPLOYEE_CHECKS_MODULE).check_employee_sets_part(norm_sets, roster, part, parts)


def employee_regimes(norm_sets: list[NormSet], roster: Roster) -> list[dict[str, str]]:
    """Per employee, the working-time regime that judged them and why (the report's
    ``labour_law_regimes``)."""
    return import_module(EMPLOYEE_CHECKS_MODULE).labour_law_regimes(norm_sets, roster)


def _product_combination(norm_set: NormSet, product: Product, roster: Roster, location_id: str) -> list[Finding]:
    from datetime import timedelta

    from rostercheck.checks import scope
    from rostercheck.checks._common import midnight, nl_span

    own = scope.active_days(roster, location_id, [product.id])
    if not own:
        return []
    covered = set(scope.active_days(roster, location_id, list(product.requires_one_of)))
    alone = [d for d in own if d not in covered]
    runs: list[list] = []
    for d in alone:
        if runs and runs[-1][-1] + timedelta(days=1) == d:
            runs[-1].append(d)
        else:
            runs.append([d])
    names = " of ".join(product.requires_one_of)
    out = []
    for run in runs:
        start, end = midnight(run[0]), midnight(run[-1]) + timedelta(days=1)
        out.append(
            Finding(
                check=CheckKind.COVERAGE,
                severity=Severity.ERROR,
                norm=f"{product.id}-requires-one-of",
                norm_set=norm_set.id,
                product=product.id,
                location=location_id,
                start=start,
                end=end,
                measured=0,
                required=1,
                unit="product",
                message=(
                    f"{product.id} ({product.name}) wordt geleverd zonder {names} op dezelfde locatie "
                    f"({nl_span(start, end)}); dit product mag alleen samen met {names}."
                ),
                source=product.source,
            )
        )
    return out


__all__ = ["LOCATION_CHECKS", "CheckKind", "check_module", "employee_regimes", "run_employee_norm_sets", "run_location_norm_set", "run_location_norm_sets"]
