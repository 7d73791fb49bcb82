"""``mittari``: the same operations as the UI, for batch loading and automation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import settings
from data_loaders import sample
from data_loaders.imports import REJECTED, ProgrammeNotChosen, describe, import_file
from db import engine as db_engine
from i18n import language
from models.figures import budget_figures

SAMPLE_FOLDER = settings.PROJECT_ROOT / "sample_data"


@click.group()
@click.option("--lang", default=None, help="fi (default) or en: the language of messages.")
@click.pass_context
def main(context: click.Context, lang: str | None) -> None:
    """Työllisyysmittari: budget, benefits and risks of employment-services programmes."""
    context.obj = {"lang": language(lang or settings.load().language)}
    db_engine.migrate()


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8050).")
@click.option("--workers", default=1, type=int, help="Worker processes (1: the development server).")
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Serve the dashboard (same as ``python app.py``)."""
    import app

    app.serve(host=host, port=port, workers=workers)


@main.command(name="sample")
def load_sample_command() -> None:
    """Load the sample data into the database (what ``make run`` does on first start)."""
    for result in sample.load_sample(SAMPLE_FOLDER):
        click.echo(f"{result.budget}: {result.status} (version {result.version})")


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--programme", default=None, help="Programme slug (default: the only programme).")
@click.option("--budget", default=None, help="Budget name (default: the workbook's title, else the file name).")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def import_command(
    context: click.Context, file: Path, programme: str | None, budget: str | None, dry_run: bool, as_json: bool
) -> None:
    """Import FILE: a budget (template .xlsx/.csv), Kela kuntaosuus CSV or StatFin json-stat2/CSV.

    Exit 0 imported or unchanged, 1 rejected, 2 usage.
    """
    lang = context.obj["lang"]
    if not file.exists():
        raise click.UsageError(f"{file}: no such file")
    try:
        result = import_file(file.read_bytes(), file.name, programme=programme, budget=budget, dry_run=dry_run)
    except ProgrammeNotChosen as missing:
        message = (
            f"unknown programme '{missing}'" if str(missing) else "several programmes: choose one with --programme"
        )
        raise click.UsageError(message) from None
    click.echo(json.dumps(result.as_json(lang), ensure_ascii=False, indent=2) if as_json else describe(result, lang))
    sys.exit(1 if result.status == REJECTED else 0)


@main.command()
@click.option("--programme", default=None, help="Programme slug (default: every programme).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def figures(programme: str | None, as_json: bool) -> None:
    """The headline figures of one programme or of every programme."""
    from db import queries

    known = set(queries.programmes()["slug"])
    if programme and programme not in known:
        raise click.UsageError(f"unknown programme '{programme}'")
    result = {
        "budget": budget_figures(queries.current_budget_lines(programme=programme)),
        "savings": [],
        "unemployment": [],
    }
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for row in result["budget"]:
        click.echo(
            f"{row['programme']} / {row['budget']} {row['year']} {row['scenario']}: "
            f"toimintakate {row['toimintakate']:,.0f} €".replace(",", " ")
        )


if __name__ == "__main__":
    main()
