"""``mittari``: the same operations as the UI, for batch loading and automation."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

import settings
from auth import ROLES
from auth.passwords import hash_password, new_password
from data_loaders import boundary, limits, sample, sandbox
from data_loaders.imports import REJECTED, ProgrammeNotChosen, describe, import_file
from db import accounts
from db import engine as db_engine
from i18n import language, t
from models.figures import budget_figures, savings_figures, unemployment_figures
from models.savings import MONTH_TOTAL, kuntaosuus_totals
from models.unemployment import own_table

SAMPLE_FOLDER = settings.PROJECT_ROOT / "sample_data"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


CLI_USER = f"cli:{_os_user()}"


@click.group()
@click.option("--lang", default=None, help="fi (default), sv or en: the language of messages, reports and exports.")
@click.pass_context
def main(context: click.Context, lang: str | None) -> None:
    """Työllisyysmittari: budget, benefits and risks of employment-services programmes."""
    config = settings.load()
    context.obj = {"lang": language(lang or config.language)}
    limits.configure(limits.of(config.import_limits))
    if context.invoked_subcommand == "import":
        _prepare_import(context.obj["lang"], config)
    else:
        db_engine.migrate()


def _lang() -> str:
    """The language chosen with ``mittari --lang`` (or ``MITTARI_LANG``)."""
    context = click.get_current_context(silent=True)
    found = context.find_root().obj if context is not None else None
    return (found or {}).get("lang") or language(None)


def programme_slugs() -> str:
    from db import queries

    return ", ".join(queries.programmes()["slug"]) or "–"


def unknown_programme(slug: str) -> click.UsageError:
    """An unknown programme, in the chosen language, naming the programmes there are."""
    return click.UsageError(t("cli.unknown_programme", _lang(), slug=slug, valid=programme_slugs()))


def _prepare_import(lang: str, config: settings.Settings) -> None:
    """Log to a file, start the child that will parse the file, migrate: a database that cannot be opened is told
    in the user's language (exit 1) and its traceback goes to the log."""
    boundary.log_to_file(config.log_file)
    sandbox.warm_up()  # the child's interpreter starts while the database is migrated
    try:
        db_engine.migrate()
    except Exception as error:  # noqa: BLE001 - the user gets a message, the log the details
        incident = boundary.log_incident("opening the database", error)
        click.echo(t("msg.database_unavailable", lang, incident=incident, log=config.log_file), err=True)
        sys.exit(1)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8050).")
@click.option(
    "--workers",
    default=1,
    type=click.IntRange(min=1),
    help="Worker processes: 1 the development server, more gunicorn.",
)
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Serve the dashboard (same as ``python app.py``)."""
    import serving

    serving.serve(host=host, port=port, workers=workers)


@main.command(name="sample")
def load_sample_command() -> None:
    """Load the sample data into the database (what ``make run`` does on first start)."""
    for result in sample.load_sample(SAMPLE_FOLDER):
        click.echo(f"{result.budget or result.file_name}: {result.status} (version {result.version})")


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
    """Import FILE: a budget (template, wide table or ledger; .xlsx/.csv), Kela kuntaosuus CSV or StatFin data.

    Exit 0 imported or unchanged, 1 rejected, 2 usage.
    """
    lang = context.obj["lang"]
    if not file.exists():
        raise click.UsageError(t("cli.no_such_file", lang, file=file))
    try:
        content = file.read_bytes()
    except OSError:
        raise click.UsageError(t("cli.file_unreadable", lang, file=file)) from None
    try:
        result = import_file(
            content,
            file.name,
            programme=programme,
            budget=budget,
            dry_run=dry_run,
            user=CLI_USER,
            max_bytes=settings.load().upload_limit_bytes,
            record_refusal=True,
        )
    except ProgrammeNotChosen as missing:
        if str(missing):
            raise unknown_programme(str(missing)) from None
        raise click.UsageError(t("cli.several_programmes", lang, valid=programme_slugs())) from None
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
        raise unknown_programme(programme)
    memberships = queries.programme_memberships()
    totals = kuntaosuus_totals(queries.kela_area_totals(**MONTH_TOTAL), queries.municipality_mergers())
    names = dict(zip(*queries.municipality_register()[["code", "name_fi"]].T.values, strict=True))
    result = {
        "budget": budget_figures(queries.current_budget_lines(programme=programme)),
        "savings": savings_figures(totals, memberships, names, programme),
        "unemployment": unemployment_figures(own_table(queries.statfin_observations()), memberships, programme),
        "comparison": _comparison_figures(programme, known),
    }
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for row in result["budget"]:
        click.echo(
            f"{row['programme']} / {row['budget']} {row['year']} {row['scenario']}: "
            f"toimintakate {row['toimintakate']:,.0f} €".replace(",", " ")
        )
    for row in result["savings"]:
        click.echo(
            f"{row['name']} {row['year']} ({row['months']} kk) vs {row['baseline_year']}: "
            f"säästö {row['savings_eur']:,.0f} € ({row['savings_pct']} %, tavoite {row['target_pct']} %)".replace(
                ",", " "
            )
        )


def _comparison_figures(programme: str | None, known: set[str]) -> list[dict]:
    """Each programme's (or the chosen one's) comparison with its groups, latest whole year (``reports.comparison``)."""
    from reports.comparison import figures_json

    return [figures_json(slug) for slug in sorted(known) if programme in (None, slug)]


@main.group()
def group() -> None:
    """Comparison groups of a programme: add, list, remove (the Comparison page's groups)."""


def _known_programme(slug: str) -> str:
    from db import queries

    if slug not in set(queries.programmes()["slug"]):
        raise unknown_programme(slug)
    return slug


@group.command(name="add")
@click.argument("name")
@click.argument("municipalities", nargs=-1, required=True)
@click.option("--programme", required=True, help="Programme slug.")
def group_add(name: str, municipalities: tuple[str, ...], programme: str) -> None:
    """Save the programme's group NAME with these MUNICIPALITIES (codes like 297 or names like Kuopio).

    The same name again replaces the group's municipalities.
    """
    from db import queries, store
    from db.engine import transaction

    lang = _lang()
    _known_programme(programme)
    by_name = queries.municipality_codes_by_name()
    known = set(queries.municipality_register()["code"])
    codes = []
    for given in municipalities:
        code = given.zfill(3) if given.isdigit() else by_name.get(given.strip().lower())
        if code not in known:
            raise click.UsageError(t("comparison.edit.unknown_municipality", lang, name=given))
        codes.append(code)
    try:
        with transaction() as session:
            store.save_comparison_group(session, store.programme_by_slug(session, programme), name, codes, CLI_USER)
    except store.GroupError as error:
        raise click.UsageError(t(f"comparison.edit.{error.reason}", lang, name=name)) from None
    click.echo(t("cli.group_saved", lang, name=name.strip(), programme=programme, count=len(set(codes))))


@group.command(name="list")
@click.option("--programme", required=True, help="Programme slug.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def group_list(programme: str, as_json: bool) -> None:
    """The groups the programme compares with: the register's and its own, with their municipalities."""
    from db import queries

    lang = _lang()
    _known_programme(programme)
    groups = queries.comparison_groups(programme)
    rows = [
        {
            "name": t(f"comparison.group.{row['register_key']}", lang) if row["register_key"] else row["name"],
            "register": bool(row["register_key"]),
            "members": list(row["members"]),
        }
        for row in groups.to_dict("records")
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        owner = t("cli.group_register", lang) if row["register"] else programme
        click.echo(f"{row['name']}\t{owner}\t{len(row['members'])}\t{' '.join(row['members'])}")


@group.command(name="remove")
@click.argument("name")
@click.option("--programme", required=True, help="Programme slug.")
def group_remove(name: str, programme: str) -> None:
    """Remove the programme's own group NAME (the register's groups stay)."""
    from db import store
    from db.engine import transaction

    lang = _lang()
    _known_programme(programme)
    try:
        with transaction() as session:
            store.remove_comparison_group(session, store.programme_by_slug(session, programme), name, CLI_USER)
    except store.GroupError as error:
        raise click.UsageError(t(f"comparison.edit.{error.reason}", lang, name=name)) from None
    click.echo(t("cli.group_removed", lang, name=name, programme=programme))


@main.group()
def user() -> None:
    """User administration: add, list, disable, set-role, passwd."""


def _password(generate: bool) -> tuple[str, bool]:
    """A new password: generated, read from standard input, or asked for twice."""
    if generate:
        return new_password(), True
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n"), False
    return click.prompt("Salasana / password", hide_input=True, confirmation_prompt=True), False


@user.command(name="add")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(ROLES), help="viewer, director, analyst or admin.")
@click.option("--programme", "programmes", multiple=True, help="A programme the user may see (repeatable).")
@click.option("--name", "display_name", default=None, help="The person's name.")
@click.option("--generate-password", is_flag=True, help="Generate a password and print it once.")
def user_add(
    username: str, role: str, programmes: tuple[str, ...], display_name: str | None, generate_password: bool
) -> None:
    """Add USERNAME; the password is read from standard input (or generated)."""
    if accounts.user_by_name(username):
        raise click.UsageError(t("cli.user_exists", _lang(), user=username))
    password, generated = _password(generate_password)
    try:
        accounts.add_user(username, role, hash_password(password), display_name, list(programmes), audited=True)
    except KeyError as error:
        raise unknown_programme(str(error.args[0]) if error.args else "") from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"{username}: {role}" + (f", password {password}" if generated else ""))


@user.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def user_list(as_json: bool) -> None:
    """List users with role, state and programmes."""
    frame = accounts.users()
    if as_json:
        click.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        return
    for row in frame.itertuples():
        state = "active" if row.active else "disabled"
        click.echo(
            f"{row.username}\t{row.role}\t{state}\t{row.programmes or '*' if row.role == 'admin' else row.programmes}"
        )


def _change(username: str, action: str, **changes: object) -> None:
    """Change the user and record ``action`` (``db.accounts.change_user``); a usage error when there is no user."""
    try:
        found = accounts.change_user(username, action, changes)
    except KeyError as error:
        raise unknown_programme(str(error.args[0]) if error.args else "") from None
    if not found:
        raise click.UsageError(t("cli.no_user", _lang(), user=username))
    click.echo(f"{username}: {action}")


@user.command(name="disable")
@click.argument("username")
def user_disable(username: str) -> None:
    """Disable USERNAME: they can no longer log in; nothing is deleted."""
    _change(username, "user_disable", active=False)


@user.command(name="enable")
@click.argument("username")
def user_enable(username: str) -> None:
    """Enable a disabled USERNAME again."""
    _change(username, "user_enable", active=True)


@user.command(name="set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--programme", "programmes", multiple=True, help="Replace the user's programmes (repeatable).")
def user_set_role(username: str, role: str, programmes: tuple[str, ...]) -> None:
    """Give USERNAME the ROLE (and, with --programme, a new set of programmes)."""
    _change(username, "user_set_role", role=role, programmes=list(programmes) if programmes else None)


@user.command(name="passwd")
@click.argument("username")
@click.option("--generate-password", is_flag=True, help="Generate a password and print it once.")
def user_passwd(username: str, generate_password: bool) -> None:
    """Set USERNAME's password (read from standard input, or generated)."""
    password, generated = _password(generate_password)
    try:
        hashed = hash_password(password)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    _change(username, "user_passwd", password_hash=hashed)
    if generated:
        click.echo(f"password {password}")


@main.command()
@click.option("--programme", default=None, help="Programme slug (default: every programme).")
@click.option("--budget", default=None, help="Budget name (default: every budget).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def versions(programme: str | None, budget: str | None, as_json: bool) -> None:
    """The imports (versions): who, when, which file and hash, kind, counts, what a rollback restored."""
    from db import queries

    frame = queries.import_versions(programme, budget=budget)
    if as_json:
        click.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
        return
    for row in frame.itertuples():
        restored = f" (rollback of {row.rollback_of})" if row.rollback_of == row.rollback_of and row.rollback_of else ""
        click.echo(
            f"{row.version}\t{row.imported_at:%Y-%m-%d %H:%M}\t{row.imported_by}\t{row.programme or '-'}"
            f"\t{row.budget or '-'}\t{row.kind}\t{row.file_name}\t{row.sha256[:12]}"
            f"\t{row.rows_read}/{row.rows_imported}/{row.rows_rejected}{restored}"
        )


@main.command()
@click.argument("version", type=int)
@click.option("--user", "username", default="cli", help="Who rolls back (recorded in the version and audit log).")
@click.pass_context
def rollback(context: click.Context, version: int, username: str) -> None:
    """Make the budget lines of VERSION current again, as a new version (nothing is deleted)."""
    from data_loaders.versions import rollback as rollback_budget
    from db import queries

    found = queries.import_versions()
    found = found[found["version"] == version]
    if found.empty or not isinstance(found["budget"].iat[0], str):
        raise click.UsageError(t("cli.no_version", context.obj["lang"], version=version))
    programme, budget = found["programme"].iat[0], found["budget"].iat[0]
    result = rollback_budget(programme, budget, version, username)
    for message in result.messages:
        click.echo(message.text(context.obj["lang"]))


@main.command()
@click.option("--programme", required=True, help="Programme slug.")
@click.option("--quarter", required=True, help="Quarter, like 2018Q4.")
@click.option("--format", "kind", type=click.Choice(["xlsx", "pdf"]), required=True, help="xlsx or pdf.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option("--comparison", "with_comparison", is_flag=True, help="Add the comparison with the programme's groups.")
@click.pass_context
def report(
    context: click.Context, programme: str, quarter: str, kind: str, output: Path, with_comparison: bool
) -> None:
    """The quarterly steering-group pack of a programme as a workbook or a PDF (the page's figures)."""
    from db import plans
    from models.quarters import parse_quarter
    from reports.export import export_pack
    from reports.quarterly import quarterly_pack

    lang = context.obj["lang"]
    try:
        chosen = str(parse_quarter(quarter))
    except ValueError:
        raise click.UsageError(t("pack.bad_quarter", lang, text=quarter)) from None
    try:
        pack = quarterly_pack(programme, chosen, thresholds=settings.load().risk_thresholds)
    except plans.UnknownProgramme:
        raise unknown_programme(programme) from None
    if with_comparison:
        from reports.comparison import pack_section

        pack["comparison"] = pack_section(programme, chosen, lang=lang)
    output.write_bytes(export_pack(pack, kind, lang, "cli"))
    click.echo(t("pack.written", lang, path=output))


if __name__ == "__main__":
    main()
