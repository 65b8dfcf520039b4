"""Directives and roles found in pages at the lines a build reports (portfolio.cli.pages).
The lines are those of a real build (tests/test_cli.py compares the two on whole sites)."""

from __future__ import annotations

from pathlib import Path

from portfolio.cli.pages import scan_page
from portfolio.extension.directives import directive_classes

PAGE = """# Title

A paragraph with {pub}`k1` on its first line
and {pub}`Other title <k2>` on its second.

- item one {pub}`k3`
- item two
  continued {pub}`k4`

:::{note}
In a note {pub}`k5`

```{teaching} inner.yaml
```
:::

```{publications}
:year: 2024
:selected:
```

```{publications}
---
sort: oldest
keys: a, b
---
```

````md
```{service} example.yaml
```
````

```{code-block} md
{pub}`not-a-role`
```
"""


def test_myst_page():
    uses, roles = scan_page(Path("/site/docs/p.md"), PAGE, directive_classes(), ("pub",),
                            ("colon_fence",))
    assert [(r.text, r.line) for r in roles] == [("k1", 3), ("Other title <k2>", 3),
                                                 ("k3", 6), ("k4", 7), ("k5", 11)]
    assert [(u.name, u.argument, u.line) for u in uses] == [
        ("teaching", "inner.yaml", 13), ("publications", "", 17), ("publications", "", 22)]
    assert uses[1].options == {"year": "2024", "selected": None}
    assert uses[2].options == {"sort": "oldest", "keys": "a, b"}


def test_rst_page():
    text = ("Title\n=====\n\nSee :pub:`k1` and\n:pub:`k2`.\n\n.. publications::\n"
            "   :year: 2024\n   :selected:\n\n.. teaching:: other.yaml\n")
    uses, roles = scan_page(Path("/site/docs/p.rst"), text, directive_classes(), ("pub",))
    assert [(r.text, r.line) for r in roles] == [("k1", 4), ("k2", 4)]
    assert [(u.name, u.argument, u.line, u.options) for u in uses] == [
        ("publications", "", 7, {"year": "2024", "selected": None}),
        ("teaching", "other.yaml", 11, {})]
