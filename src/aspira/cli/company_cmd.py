"""``aspira company add|show|list|edit|remove``: company and role context (SPEC §3.2).

``add`` reads a job posting, an about page or a values page (a file, or standard input with
``--from -``), shows what it extracted with the evidence sentences, and saves it. ``edit``
opens the saved YAML in ``$VISUAL`` / ``$EDITOR`` on a copy and saves it back only when it is
still valid, or applies ``--set field=value`` without an editor. The logic is in
:mod:`aspira.company`; this module parses options and renders.
"""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from aspira.cli.company_view import render_company, render_list
from aspira.cli.editor import run_editor
from aspira.cli.state import print_json, use_json_errors
from aspira.company import Company
from aspira.company.clean import as_format
from aspira.company.edit import set_fields
from aspira.company.extract import extract_company, read_posting, read_posting_stream
from aspira.company.store import FileCompanyStore, from_yaml, slug, to_yaml
from aspira.envelope import ok
from aspira.errors import DataError, InputError

company_app = typer.Typer(
    help="Company and role context: extract it from a posting or an about page, then keep it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
JSON_HELP = "Print JSON in the standard envelope."


def _console() -> Console:
    return Console(highlight=False)


def _read_source(source: str | None) -> str:
    if source is None:
        if sys.stdin.isatty():
            raise InputError(
                "No page given. Pass it with --from FILE, or pipe it in "
                "(pbpaste | aspira company add NAME --from -)."
            )
        source = "-"
    if source == "-":
        return read_posting_stream(sys.stdin.buffer)
    return read_posting(Path(source))


@company_app.command("add")
def add_command(
    name: str = typer.Argument(..., help="The company's name, used to find it later."),
    source: str | None = typer.Option(
        None, "--from", help="File with the posting, about or values page; '-' reads stdin."
    ),
    fmt: str = typer.Option("auto", "--format", help="auto, text, markdown or html."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what was found; save nothing."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a saved company."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Extract a company's mission, values, culture and role from a page, show it, save it."""
    use_json_errors(as_json)
    store = FileCompanyStore()
    existing = store.find(name)
    if existing is not None and not replace and not dry_run:
        raise InputError(
            f"A company named {name!r} is already saved ({existing}). Use --replace to "
            f"overwrite it, or `aspira company edit {shlex.quote(name)}` to change it."
        )
    company = extract_company(_read_source(source), name=name, fmt=as_format(fmt))
    saved = None if dry_run else store.save(company)
    if as_json:
        print_json(ok({"company": company.model_dump(mode="json"), "saved": saved}))
        return
    render_company(_console(), company)
    if saved:
        typer.echo(f"\nSaved to {saved}. Change it with: aspira company edit {shlex.quote(name)}")
    else:
        typer.echo("\nDry run: nothing saved.")


@company_app.command("show")
def show_command(
    name: str = typer.Argument(..., help="A saved company's name (any case) or file slug."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show a saved company with the evidence for each fact."""
    use_json_errors(as_json)
    company = FileCompanyStore().load(name)
    if as_json:
        print_json(ok(company.model_dump(mode="json")))
    else:
        render_company(_console(), company)


@company_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List saved companies with their main culture archetype and role."""
    use_json_errors(as_json)
    store = FileCompanyStore()
    rows = [_summary(c, store) for c in store.list()]
    if as_json:
        print_json(ok(rows))
    elif not rows:
        typer.echo("No companies saved yet. Add one: aspira company add NAME --from FILE")
    else:
        render_list(_console(), rows, str(store.root))


def _summary(company: Company, store: FileCompanyStore) -> dict[str, Any]:
    return {
        "name": company.name,
        "culture": company.primary_archetype(),
        "role": company.role_title.value if company.role_title else None,
        "seniority": company.seniority,
        "file": str(store.path_for(company.name)),
    }


@company_app.command("edit")
def edit_command(
    name: str = typer.Argument(..., help="A saved company's name (any case) or file slug."),
    assignments: list[str] | None = typer.Option(
        None, "--set", help="FIELD=VALUE for name, mission, role_title or seniority; repeatable."
    ),
) -> None:
    """Edit a saved company in $VISUAL/$EDITOR (or with --set); invalid edits are refused."""
    store = FileCompanyStore()
    company = store.load(name)
    edited = set_fields(company, assignments) if assignments else _edit_in_editor(company, store)
    if edited is None:
        typer.echo("No changes.")
        return
    saved = store.save(edited, previous=company.name)
    typer.echo(f"Saved {edited.name} to {saved}.")


def _edit_in_editor(company: Company, store: FileCompanyStore) -> Company | None:
    before = to_yaml(company)
    fd, name = tempfile.mkstemp(prefix=f"{slug(company.name)}-", suffix=".yaml")
    copy = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(before)
    run_editor(copy, "change simple fields with --set FIELD=VALUE")
    after = copy.read_text(encoding="utf-8")
    if after == before:
        copy.unlink()
        return None
    try:
        edited = from_yaml(after, f"your edit of {store.path_for(company.name)}")
    except DataError as exc:
        raise DataError(
            f"{exc.message}. Nothing was saved: the company file is unchanged. Your edited copy "
            f"is in {copy}; fix it there and copy it back, or run the edit again.",
            details={**exc.details, "edited_copy": str(copy)},
        ) from exc
    copy.unlink()
    return edited


@company_app.command("remove")
def remove_command(
    name: str = typer.Argument(..., help="A saved company's name (any case) or file slug."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete a saved company."""
    store = FileCompanyStore()
    company = store.load(name)
    if not yes and not typer.confirm(f"Remove {company.name}?", default=False):
        typer.echo("Nothing removed.")
        return
    store.remove(company.name)
    typer.echo(f"Removed {company.name}.")


def register(app: typer.Typer) -> None:
    app.add_typer(company_app, name="company")
