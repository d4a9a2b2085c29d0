"""Print documents: Jinja templates rendered to PDF with WeasyPrint."""
