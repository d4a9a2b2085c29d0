"""The printable documents, by the name `flask print <name>` and the URLs use."""
from dataclasses import dataclass, field
from typing import Callable

from models import Community, User


class DocumentError(ValueError):
    """A document was asked for with options it cannot use."""


@dataclass
class PrintJob:
    """What a document builder returns: a template, its context and a file name.

    `memo` is what the document's on_printed hook keeps about this printing (it is not
    rendered). Builders only read: they run for previews and public downloads too.
    """

    template: str
    context: dict
    filename: str
    memo: dict = field(default_factory=dict)


@dataclass
class PrintStatus:
    """What the print centre says about a document: one line and its details."""

    summary: str
    details: list[str] = field(default_factory=list)
    needs_printing: bool = False


@dataclass
class Document:
    """A kind of printed document.

    on_printed(community, job, actor) runs after a staff or CLI printing rendered (never
    for the preview or a public download); status(community) tells the print centre
    whether the paper copy is out of date. fingerprint(community, options) is a cheap
    string that changes whenever the data the document shows changes (options, the day
    and the print templates are added by the core): with it, an unchanged document is
    served from the cache without building or rendering its HTML.
    """

    name: str
    title: str
    build: Callable[[Community, dict], PrintJob]
    options: dict[str, str] = field(default_factory=dict)  # option -> help text
    on_printed: Callable[[Community, PrintJob, User | None], None] | None = None
    status: Callable[[Community], PrintStatus | None] | None = None
    fingerprint: Callable[[Community, dict], str | None] | None = None
    # For options that name a record (an issue, a person): the print centre's pick list,
    # {option: [(value, label), …]} for this community; the document needs one of each.
    choices: Callable[[Community], dict[str, list[tuple[str, str]]]] | None = None


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
