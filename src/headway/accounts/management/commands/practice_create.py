"""Bootstrap a practice on a new installation: there is no public sign-up, so the operator
creates the practice and its first owner here; the owner then invites everyone else."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.forms import ValidationError

from headway.accounts import services
from headway.accounts.models import Practice, Role, User


class Command(BaseCommand):
    help = "Create a practice and email its first owner an invitation link (also printed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The practice's name.")
        parser.add_argument("--owner-email", required=True, help="Email of the first owner.")
        parser.add_argument(
            "--base-url",
            required=True,
            help="Address the practice uses, e.g. https://headway.example.org",
        )
        parser.add_argument("--time-zone", default="Europe/Berlin")
        parser.add_argument("--language", default="en", choices=["en", "de", "es", "fr"])

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["owner_email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"--owner-email: {email!r} is not a valid email address") from None
        if not options["base_url"].startswith(("https://", "http://")):
            raise CommandError("--base-url: must start with https:// (or http:// for testing)")
        sent: list[str] = []
        with transaction.atomic():
            practice = Practice.objects.create(name=options["name"], time_zone=options["time_zone"])
            inviter = User.objects.filter(email=email).first()
            invitation = services.invitation_create(
                practice=practice,
                email=email,
                invited_by=inviter,
                base_url=options["base_url"],
                role=Role.OWNER,
                language=options["language"],
                on_link=sent.append,
            )
        self.stdout.write(f"Created practice {practice.name!r} (id {practice.pk}).")
        self.stdout.write(f"Invitation for {invitation.email}, valid 7 days:\n{sent[0]}")
