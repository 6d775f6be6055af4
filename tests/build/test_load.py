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


@pytest.mark.parametrize(("name", "old", "new", "named"), [
    (f"{slug_of(7)}.md", "topic: ", "topic: nowhere-", lambda p: p.field == "topic" and p.line > 1),
    (f"{slug_of(3)}.fr.md", "topic: ", "# TODO\ntopic: ", lambda p: "TODO" in p.message),
], ids=["a wrong topic", "a TODO left in a page"])
def test_a_problem_is_named_as_guichet_check_names_it(big, name, old, new, named):
    page = big / "services" / name
    edit(page, old, new)
    _, problems = load_and_check(big, jobs=2)
    _, expected = serial(big, True)
    assert problems == expected
    assert any(p.path.endswith(page.name) and named(p) for p in problems)
