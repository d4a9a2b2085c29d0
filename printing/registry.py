"""The printable documents, by the name `flask print <name>` and the URLs use."""
from dataclasses import dataclass, field
from typing import Callable

from models import Community


class DocumentError(ValueError):
    """A document was asked for with options it cannot use."""


@dataclass
class PrintJob:
    """What a document builder returns: a template, its context and a file name."""

    template: str
    context: dict
    filename: str
    page_count_hint: int | None = None


@dataclass
class Document:
    """A kind of printed document."""

    name: str
    title: str
    build: Callable[[Community, dict], PrintJob]
    options: dict[str, str] = field(default_factory=dict)  # option -> help text


DOCUMENTS: dict[str, Document] = {}


def register_document(document: Document) -> Document:
    """Make a document printable by name."""
    DOCUMENTS[document.name] = document
    return document


def get_document(name: str) -> Document:
    """The document called `name`, or DocumentError."""
    try:
        return DOCUMENTS[name]
    except KeyError:
        raise DocumentError(f"unknown document {name!r}; known: {', '.join(sorted(DOCUMENTS))}")
