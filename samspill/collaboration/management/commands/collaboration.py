"""`samspill collaboration list|shares|report`: the projects at a glance, each municipality's share
by a project's chosen key (CSV/XLSX for invoicing), and a status report as the steering group's PDF.

The same selectors, tables and PDF as the pages (`core/exports.py`, `core/pdf.py`); files go to
stdout or `--output`, provenance and summaries to stderr. The operator sees every project.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.collaboration import exports
from samspill.collaboration.models import Project, StatusReport
from samspill.collaboration.selectors import budget_totals, key_allocate, municipalities_of
from samspill.core.exports import table_bytes


class Command(BaseCommand):
    help = (
        "Collaboration projects: `list`, `shares PROJECT [--key K] [--format csv|xlsx]`, "
        "`report PROJECT [--report R] --output FILE.pdf`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="Every project: id, stage, region, status.")
        shares = actions.add_parser("shares", help="Each municipality's share by a key.")
        shares.add_argument("project", type=int, help="The project's id.")
        shares.add_argument("--key", type=int, help="A key's id (default: the chosen key).")
        shares.add_argument("--format", default="csv", choices=["csv", "xlsx"])
        shares.add_argument("--output", type=Path, help="A file (default: stdout).")
        report = actions.add_parser("report", help="A status report as PDF.")
        report.add_argument("project", type=int, help="The project's id.")
        report.add_argument("--report", type=int, help="A report's id (default: the newest).")
        report.add_argument("--output", type=Path, required=True, help="The PDF file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list()
            return
        project = Project.objects.select_related("region").filter(pk=options["project"]).first()
        if project is None:
            raise CommandError(f"Finner ikke prosjekt {options['project']}.")
        if action == "shares":
            self._shares(project, options)
        else:
            self._report(project, options)

    def _list(self) -> None:
        projects = Project.objects.select_related("region").prefetch_related("municipalities")
        for project in projects.order_by("title", "pk"):
            latest = project.status_reports.order_by("-period_end", "-pk").first()
            status = (
                f"{latest.get_status_display()} ({latest.period_end:%d.%m.%Y})" if latest else "–"
            )
            self.stdout.write(
                "\t".join(
                    [
                        str(project.pk),
                        project.title,
                        project.get_stage_display(),
                        project.region.name if project.region else "–",
                        str(project.municipalities.count()),
                        status,
                    ]
                )
            )
        self.stderr.write(self.style.SUCCESS(f"{projects.count()} prosjekter."))

    def _shares(self, project: Project, options: dict[str, Any]) -> None:
        keys = project.cost_keys.all()
        key = (
            keys.filter(pk=options["key"]).first()
            if options["key"]
            else keys.filter(is_chosen=True).first()
        )
        if key is None:
            raise CommandError("Prosjektet har ingen valgt fordelingsnøkkel; oppgi --key.")
        result = key_allocate(
            key,
            total=budget_totals(project).municipal_share,
            municipalities=municipalities_of(project),
        )
        if result.error:
            raise CommandError(f"Nøkkelen «{key.name}» kan ikke brukes: {result.error}.")
        table = exports.allocation_table(project, result)
        content = table_bytes(table, file_format=options["format"])
        output: Path | None = options["output"]
        if output is None:
            if options["format"] == "xlsx":
                raise CommandError("XLSX trenger --output FIL.")
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
        for line in [table.title, *table.sources, *table.notes]:
            self.stderr.write(f"# {line}")
        self.stderr.write(self.style.SUCCESS(f"{len(table.rows)} kommuner, nøkkel «{key.name}»."))

    def _report(self, project: Project, options: dict[str, Any]) -> None:
        reports = StatusReport.objects.select_related("project__region", "created_by").filter(
            project=project
        )
        found = (
            reports.filter(pk=options["report"]).first()
            if options["report"]
            else reports.order_by("-period_end", "-pk").first()
        )
        if found is None:
            raise CommandError("Prosjektet har ingen slik statusrapport.")
        output: Path = options["output"]
        output.write_bytes(exports.status_report_pdf(found))
        self.stderr.write(self.style.SUCCESS(f"{found} skrevet til {output}."))
