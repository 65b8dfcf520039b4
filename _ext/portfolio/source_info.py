"""Source and line for every node of a generated list, set before Sphinx looks for them.

The directives build many nodes at once (a thousand entries make tens of thousands) and set the
source only on the outer container. Sphinx's ``ApplySourceWorkaround`` then mends each ``line``
node, first turning it into XML for a debug message, which took a third of a long list's read
time. Filling in the container's source and line first is cheap and gives warnings the same place.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

#: Container classes that the portfolio's directives give their output.
PREFIX = "portfolio-"


class GeneratedSourceInfo(SphinxTransform):
    """Copy each portfolio container's source and line to the nodes inside it that lack one."""

    default_priority = 5  # before ApplySourceWorkaround (10)

    def apply(self, **kwargs: Any) -> None:
        for container in self.document.findall(nodes.container):
            if not any(c.startswith(PREFIX) for c in container["classes"]):
                continue
            source, line = container.source, container.line
            for node in container.findall(nodes.Element, include_self=False):
                if node.source is None:
                    node.source, node.line = source, line


def setup_source_info(app: Sphinx) -> None:
    app.add_transform(GeneratedSourceInfo)
