"""`headway`: the project's command, a thin wrapper around Django's manage.py."""

import os
import sys

# Kept here, not imported from headway.clinical.cli, so manage.py commands do not load pydantic.
CLINICAL_COMMANDS = ("classify", "screen-red-flags", "screen-cervical", "score", "referral")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in CLINICAL_COMMANDS:
        # The clinical core's commands need neither Django nor a database.
        from headway.clinical.cli import main as clinical_main

        sys.exit(clinical_main(sys.argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
