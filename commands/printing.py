"""`flask print <document> --community <slug> --out <file> [--option value …]`."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from blueprints.community.lookup import community_by_slug
from printing.registry import DOCUMENTS, DocumentError
from printing.render import record_printing, render_pdf


def _options(extra: list[str]) -> dict:
    """`--month 2026-11 --size A3` → {"month": "2026-11", "size": "A3"}."""
    if len(extra) % 2:
        raise click.UsageError("document options come in pairs: --name value")
    pairs = zip(extra[::2], extra[1::2])
    options = {}
    for key, value in pairs:
        if not key.startswith("--"):
            raise click.UsageError(f"expected an option name, got {key!r}")
        options[key[2:].replace("-", "_")] = value
    return options


@click.command("print", context_settings={"ignore_unknown_options": True})
@with_appcontext
@click.argument("document")
@click.option("--community", "slug", required=True, help="Community slug, e.g. liujin.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True))
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
def print_command(document, slug, out, extra):
    """Print a document to a PDF file (documents: see --help of each)."""
    community = community_by_slug(slug)
    if community is None:
        raise click.BadParameter(f"no community {slug!r}", param_hint="--community")
    base = current_app.config["PUBLIC_BASE_URL"]
    # Printed addresses come from url_for, which needs a request context.
    with current_app.test_request_context(base_url=base):
        try:
            result = render_pdf(document, community, _options(list(extra)))
        except DocumentError as error:
            known = ", ".join(sorted(DOCUMENTS))
            raise click.ClickException(f"{error} (documents: {known})")
    Path(out).write_bytes(result.data)
    record_printing(document, community, result, None)  # printing for the notice board counts
    state = "from cache" if result.cached else "rendered"
    click.echo(f"wrote {out} ({len(result.data)} bytes, {state})")
