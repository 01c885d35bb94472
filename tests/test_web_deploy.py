"""The container image and the deployment guide name only commands and options that
exist (a guide that drifts from the CLI is worse than none)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rostercheck.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _options_of(*command: str) -> set[str]:
    r = CliRunner().invoke(app, [*command, "--help"], terminal_width=200)
    assert r.exit_code == 0, r.output
    return set(re.findall(r"--[a-z][a-z-]+", r.output))


def _check(words: list[str]) -> None:
    assert words[0] == "rostercheck", words
    command = [w for w in words[1:3] if not w.startswith("-")][:2]
    if command[0] != "users":
        command = command[:1]
    known = _options_of(*command)
    used = {w.split("=")[0] for w in words if w.startswith("--")}
    assert used <= known, (words, used - known)


def test_the_image_runs_a_real_command():
    text = (ROOT / "Dockerfile").read_text()
    for src in re.findall(r"^COPY (.+) \S+$", text, flags=re.M):
        for name in src.split():
            assert (ROOT / name).exists(), name
    cmd = re.search(r"^CMD (\[.*?\])$", text.replace("\\\n", ""), flags=re.M | re.S).group(1)
    _check(json.loads(cmd))


@pytest.mark.parametrize("line", [
    line.strip() for line in (ROOT / "docs" / "deploy.md").read_text().splitlines()
    if re.match(r"^(docker exec \S+ )?rostercheck (serve|users|purge)\b", line.strip())
])
def test_every_command_in_the_guide_exists(line):
    line = re.sub(r"^docker exec \S+ ", "", line.split("#")[0]).replace("\\", " ")
    _check(shlex.split(line))


def test_the_guide_names_every_limit_the_service_sets():
    from rostercheck.web.server import ConnectionLimits

    guide = (ROOT / "docs" / "deploy.md").read_text()
    limits = ConnectionLimits()
    for figure in (f"{limits.header_timeout:.0f} s", str(limits.max_idle), f"{limits.max_header_bytes // 1024} kB",
                   str(limits.max_concurrency)):
        assert figure in guide, figure
