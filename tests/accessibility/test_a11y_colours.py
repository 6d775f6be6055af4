"""Every documented text/background pair of the theme's --gx-* colours meets WCAG AA.

The pairs are listed in accessibility.yml (``contrast.pairs``); the colours
are read from the theme's stylesheet, so a colour change that breaks a
pair fails here, before any browser runs.
"""

from __future__ import annotations

import pytest

from accessibility import contrast


@pytest.fixture(scope="module")
def css(a11y_config, repo_root) -> str:
    return (repo_root / a11y_config.contrast["css"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pairs(a11y_config) -> list[contrast.Pair]:
    return contrast.parse_pairs(a11y_config.contrast.get("pairs", []))


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [("#000", "#fff", 21.0), ("#fff", "#fff", 1.0), ("#767676", "#ffffff", 4.54), ("rgb(0 0 255)", "white", 8.59),
     ("hsl(0, 0%, 46.3%)", "#fff", 4.54), ("#00000080", "#ffffff", 4.00)],
)
def test_wcag_contrast_formula(fg, bg, expected):
    assert contrast.pair_ratio(contrast.Pair(fg, bg), {}) == pytest.approx(expected, abs=0.01)


def test_custom_properties_by_scope_and_var_references():
    css = """:root { --gx-a: #fff; /* --gx-z: #000; */ --gx-b: var(--gx-a); }
    @media (prefers-color-scheme: dark) { :root { --gx-a: #111; } }"""
    found = contrast.schemes(css)
    assert contrast.resolve("--gx-b", found[":root"])[:3] == (1.0, 1.0, 1.0)
    assert set(found) == {":root", "@media (prefers-color-scheme: dark) :root"}
    assert "--gx-z" not in found[":root"]


def test_every_documented_pair_meets_its_minimum(css, pairs):
    assert pairs, "accessibility.yml lists no contrast pairs"
    failures = []
    for scheme, variables in contrast.schemes(css).items():
        for pair in pairs:
            ratio = contrast.pair_ratio(pair, variables)
            if ratio < pair.minimum:
                failures.append(f"{scheme}: {pair.fg} on {pair.bg} ({pair.where}) is {ratio:.2f}:1, needs {pair.minimum}:1 ({pair.kind})")
    assert not failures, "\n".join(failures)


def test_every_colour_variable_is_in_a_documented_pair(css, pairs):
    named = {p.fg for p in pairs} | {p.bg for p in pairs}
    for scheme, variables in contrast.schemes(css).items():
        missing = [name for name in contrast.colour_names(variables) if name not in named]
        assert not missing, f"{scheme}: add a contrast pair to accessibility.yml for {missing}"
