from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from headway.patients.demo import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_PATIENT_LOGIN,
    demo_is_needed,
    demo_practice_create,
)


class Command(BaseCommand):
    help = "Create a synthetic demo practice with staff, patients and a portal login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any practice exists."
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and not demo_is_needed():
            self.stdout.write("Database already has data; demo not created.")
        else:
            practice = demo_practice_create()
            self.stdout.write(f"Created {practice.name} with {practice.patients.count()} patients.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for email, name, role in DEMO_LOGINS:
            self.stdout.write(f"  {role.label:<13} {email}  ({name})")
        self.stdout.write(f"  {'patient':<13} {DEMO_PATIENT_LOGIN}  (portal)")
