"""Rebuild the patient x period rollup of the diary from scratch (after a restore, a bulk import
or a change to how measures are counted)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.accounts.models import Practice
from headway.outcomes.services import rollups_rebuild


class Command(BaseCommand):
    help = "Rebuild the outcome rollup from the diary, for one practice or all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", type=int, help="the practice's id (default: all)")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only patients without a rollup yet (after upgrading from a version without it)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        practice = None
        if options["practice"] is not None:
            practice = Practice.objects.filter(pk=options["practice"]).first()
            if practice is None:
                raise CommandError(f"no practice with id {options['practice']}")
        done = rollups_rebuild(practice=practice, missing_only=options["missing"])
        self.stdout.write(f"Outcome rollup rebuilt for {done} patient{'' if done == 1 else 's'}.")
