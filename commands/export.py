"""`flask --app app export <what> --community <slug> --out <file> [--full-numbers]`."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from blueprints.community.lookup import community_by_slug
from blueprints.exports import services
from blueprints.exports.tables import TABLES


@click.command("export")
@click.argument("what", type=click.Choice(sorted(TABLES)))
@click.option("--community", "slug", required=True, help="the community's slug")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="the file to write; .xlsx or .csv")
@click.option("--full-numbers", is_flag=True, help="mobile numbers in full (logged)")
@with_appcontext
def export_command(what: str, slug: str, out: Path, full_numbers: bool):
    """Write one of the staff exports to a file, as the console's exports page does."""
    community = community_by_slug(slug)
    if community is None:
        raise click.BadParameter(f"no community with slug {slug!r}", param_hint="--community")
    file_format = out.suffix.lower().lstrip(".")
    if file_format not in ("xlsx", "csv"):
        raise click.BadParameter("the file name must end in .xlsx or .csv", param_hint="--out")
    written = 0
    with out.open("wb") as handle:
        for chunk in services.export_chunks(None, community, what, file_format, full_numbers):
            handle.write(chunk)
            written += len(chunk)
    click.echo(f"{what} of {community.slug} written to {out} ({written} bytes)"
               + (", with full numbers" if full_numbers else ""))
