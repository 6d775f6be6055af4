"""``guichet.build.load``: the parallel load gives the catalogue ``load_catalogue`` gives, and at the first
problem falls back to it, so a build names every problem with its file and line as ``guichet check`` does."""

from __future__ import annotations

import pytest

from bench.synthetic import slug_of, write_catalogue
from guichet.build.export import export
from guichet.build.load import PARALLEL_FROM, load_and_check, serial

from tests.catalogue.copies import edit

SIZE = PARALLEL_FROM // 2 + 10  # services: each has 2 page files, so the parallel path runs


@pytest.fixture
def big(tmp_path):
    return write_catalogue(tmp_path, SIZE)


def test_the_parallel_load_is_the_ordinary_one(big):
    fast, fast_problems = load_and_check(big, jobs=2)
    slow, slow_problems = serial(big, True)
    assert list(fast.services) == list(slow.services)
    assert export(fast, "http://x/") == export(slow, "http://x/")
    assert {s for s, v in fast.services.items() if v.form} == {s for s, v in slow.services.items() if v.form}
    assert sorted(fast_problems) == sorted(slow_problems)


def test_a_problem_is_named_as_guichet_check_names_it(big):
    page = big / "services" / f"{slug_of(7)}.md"
    edit(page, "topic: ", "topic: nowhere-")
    _, problems = load_and_check(big, jobs=2)
    _, expected = serial(big, True)
    assert problems == expected
    assert any(p.path.endswith(page.name) and p.field == "topic" and p.line > 1 for p in problems)


def test_a_todo_left_in_a_page_is_named_as_guichet_check_names_it(big):
    page = big / "services" / f"{slug_of(3)}.fr.md"
    edit(page, "topic: ", "# TODO\ntopic: ")
    _, problems = load_and_check(big, jobs=2)
    _, expected = serial(big, True)
    assert problems == expected
    assert any(p.path.endswith(page.name) and "TODO" in p.message for p in problems)
