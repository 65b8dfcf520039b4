"""Sphinx glue for the directives: options in, records through ``query`` and ``render``,
nodes out."""

from __future__ import annotations

from docutils.parsers.rst import Directive


def directive_classes() -> dict[str, type[Directive]]:
    """Every directive of the extension, by name: registered by the extension and read by
    ``portfolio check``."""
    from .cv import AwardsDirective, CvHeaderDirective, EducationDirective, PositionsDirective, TalksDirective
    from .fields import FieldsDirective
    from .news import NewsDirective
    from .publications import PublicationsDirective, PublicationStatsDirective
    from .records import ServiceDirective, TeachingDirective
    from .schema import SchemaDirective

    return {
        "publications": PublicationsDirective, "publication-stats": PublicationStatsDirective,
        "teaching": TeachingDirective, "service": ServiceDirective, "news": NewsDirective,
        "cv-header": CvHeaderDirective, "education": EducationDirective,
        "positions": PositionsDirective, "talks": TalksDirective, "awards": AwardsDirective,
        "portfolio-fields": FieldsDirective, "portfolio-schema": SchemaDirective,
    }
