"""The ``portfolio-schema`` directive: the fields of a YAML data file, from its JSON Schema.

The schema that validates the file is the one the docs show, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...data.yamlfile import schema
from .fields import table

logger = logging.getLogger(__name__)


class SchemaDirective(SphinxDirective):
    """What one data file holds (``profile``, ``teaching``, ``service``, ...): the schema's
    description and a table of its fields."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            declared = schema(self.arguments[0])
        except FileNotFoundError:
            logger.warning(f"no data file kind {self.arguments[0]!r}; name a schema of "
                           "portfolio/data/schemas, e.g. profile", location=self.get_location(),
                           type="portfolio", subtype="option")
            return []
        listed = declared["type"] == "array"
        root = declared["items"] if listed else declared
        rows = [(name, kind, "yes" if required else "", help_)
                for name, kind, required, help_ in _fields(root)]
        intro = declared.get("description", "") + (" A list; each item has these fields:"
                                                    if listed else "")
        paragraph = nodes.paragraph()
        paragraph.extend(self.parse_text_to_nodes(intro)[0].children if intro.strip() else [])
        return [paragraph,
                table(self, ("Field", "Type", "Required", "Meaning"), rows, widths=(2, 2, 1, 5))]


def _kind(spec: dict[str, Any]) -> str:
    if "oneOf" in spec:
        return " or ".join(_kind(option) for option in spec["oneOf"])
    kinds = spec.get("type", "any")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    names = {"string": "text", "integer": "number", "array": "list", "object": "mapping",
             "boolean": "true/false"}
    text = " or ".join(names.get(k, k) for k in kinds)
    if "array" in kinds and "items" in spec:
        text = f"list of {_kind(spec['items'])}"
    return text


def _fields(spec: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str, bool, str]]:
    """Each property as (dotted name, type, required, description), nested ones after it; the
    values of a mapping with free keys (venues, co-authors) are shown under ``<key>``."""
    required = set(spec.get("required", ()))
    properties = dict(spec.get("properties", {}))
    if isinstance(spec.get("additionalProperties"), dict):
        properties["<key>"] = spec["additionalProperties"]
    for name, sub in properties.items():
        yield prefix + name, _kind(sub), name in required, sub.get("description", "")
        nested = sub.get("items", sub)
        for option in nested.get("oneOf", [nested]):
            if option.get("properties") and option is not spec:
                yield from _fields(option, f"{prefix}{name}{'[].' if 'items' in sub else '.'}")
