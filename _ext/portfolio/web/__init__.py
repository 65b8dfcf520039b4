"""HTML-only extras: generated pages and files around the documents."""
