"""Loading norm sets from ``norms/``: every file validated at load, errors naming file and key."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from rostercheck.errors import NormFileError
from rostercheck.normsets.schema import NormSet


def default_norms_dir() -> Path:
    """``$ROSTERCHECK_NORMS``, else the norms shipped in the wheel, else the repo's ``norms/``."""
    env = os.environ.get("ROSTERCHECK_NORMS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_norms"
    return shipped if shipped.is_dir() else here.parent / "norms"


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that refuses duplicate keys (a silent overwrite would hide a typo).

    libyaml's safe loader where PyYAML has it (every ``rostercheck check`` loads all
    norm sets: 0.2 s with the pure-Python parser, a fifth of that with libyaml)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _key_path(data: object, loc: tuple) -> str:
    """Turn pydantic's loc into a readable key path, naming norms by id: norms[15N12-day].params.window."""
    parts: list[str] = []
    cur = data
    for item in loc:
        if isinstance(item, int):
            label = str(item)
            if isinstance(cur, list) and 0 <= item < len(cur) and isinstance(cur[item], dict) and "id" in cur[item]:
                label = str(cur[item]["id"])
            parts[-1:] = [f"{parts[-1]}[{label}]"] if parts else [f"[{label}]"]
            cur = cur[item] if isinstance(cur, list) and 0 <= item < len(cur) else None
        else:
            if isinstance(cur, dict) and item not in cur and item in ("coverage", "share", "level", "role", "client_hours", "labour_law"):
                continue  # the discriminator tag pydantic puts in the path
            parts.append(str(item))
            cur = cur.get(item) if isinstance(cur, dict) else None
    return ".".join(parts)


def load_norm_file(path: Path) -> NormSet:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        raise NormFileError([f"{path.name}: not valid YAML: {exc}"]) from None
    if not isinstance(data, dict):
        raise NormFileError([f"{path.name}: a norm file is a mapping with keys id, title, document, norms"])
    try:
        norm_set = NormSet.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = _key_path(data, err["loc"]) or "(top level)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
            elif err["type"] == "missing":
                msg = "required key is missing"
            problems.append(f"{path.name}: {key}: {msg}")
        raise NormFileError(problems) from None
    if norm_set.id != path.stem:
        raise NormFileError([f"{path.name}: id: {norm_set.id!r} must equal the file name {path.stem!r}"])
    return norm_set


class Catalogue:
    """All norm sets, by id (case-insensitive)."""

    def __init__(self, sets: list[NormSet]):
        self._sets = {s.id.lower(): s for s in sorted(sets, key=lambda s: s.id)}

    def __iter__(self):
        return iter(self._sets.values())

    def get(self, set_id: str) -> NormSet | None:
        return self._sets.get(" ".join(set_id.split()).lower())

    def location_sets(self) -> list[NormSet]:
        return [s for s in self if s.scope == "location"]

    def employee_sets(self) -> list[NormSet]:
        return [s for s in self if s.scope == "employee"]


def load_catalogue(norms_dir: Path | None = None) -> Catalogue:
    """Load every ``*.yml``/``*.yaml`` in the folder; all problems in all files at once."""
    folder = norms_dir or default_norms_dir()
    sets, problems = [], []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            sets.append(load_norm_file(path))
        except NormFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise NormFileError(problems)
    return Catalogue(sets)


@lru_cache(maxsize=4)
def cached_catalogue(norms_dir: str | None = None) -> Catalogue:
    return load_catalogue(Path(norms_dir) if norms_dir else None)
