from pathlib import Path

import pytest

from rostercheck.errors import NormFileError
from rostercheck.normsets import load_catalogue

SRC = "source: {document: 001_77567c317f0dbd0c.txt, section: '5', quote: 'binnen 45 minuten'}"


def _write(tmp_path: Path, body: str, name: str = "demo") -> Path:
    (tmp_path / f"{name}.yml").write_text(body, encoding="utf-8")
    return tmp_path


HEAD = f"""id: demo
title: Demo
document: 001_77567c317f0dbd0c.txt
products:
  - {{id: 15N12, name: Beschermd Wonen middel, {SRC}}}
"""


def test_unknown_key_names_file_and_key(tmp_path):
    folder = _write(tmp_path, HEAD + f"""norms:
  - id: night
    title: on site within 45 min at night
    products: [15N12]
    check: coverage
    severity: error
    {SRC}
    params: {{window: {{start: "22:00", end: "07:00", bogus: 1}}, presence: on_site_within, response_min: 45}}
""")
    with pytest.raises(NormFileError) as exc:
        load_catalogue(folder)
    assert exc.value.problems == ["demo.yml: norms[night].params.window.bogus: unknown key"]


def test_missing_citation_fails(tmp_path):
    folder = _write(tmp_path, HEAD + """norms:
  - id: share
    title: HBO share
    products: [15N12]
    check: share
    severity: error
    params: {min_level: HBO, min_share: 0.5}
""")
    with pytest.raises(NormFileError) as exc:
        load_catalogue(folder)
    assert exc.value.problems == ["demo.yml: norms[share].source: required key is missing"]


def test_impossible_value_fails(tmp_path):
    folder = _write(tmp_path, HEAD + f"""norms:
  - id: share
    title: HBO share
    products: [15N12]
    check: share
    severity: error
    {SRC}
    params: {{min_level: HBO, min_share: 1.5}}
""")
    with pytest.raises(NormFileError) as exc:
        load_catalogue(folder)
    assert exc.value.problems[0].startswith("demo.yml: norms[share].params.min_share:")


def test_response_time_required_for_on_site_within(tmp_path):
    folder = _write(tmp_path, HEAD + f"""norms:
  - id: night
    title: on site within at night
    products: [15N12]
    check: coverage
    severity: error
    {SRC}
    params: {{window: {{start: "22:00", end: "07:00"}}, presence: on_site_within}}
""")
    with pytest.raises(NormFileError) as exc:
        load_catalogue(folder)
    assert "response_min is required" in exc.value.problems[0]


def test_duplicate_yaml_key_fails(tmp_path):
    folder = _write(tmp_path, HEAD + "title: again\nnorms: []\n")
    with pytest.raises(NormFileError) as exc:
        load_catalogue(folder)
    assert "duplicate key 'title'" in exc.value.problems[0]
