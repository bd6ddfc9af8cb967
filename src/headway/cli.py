"""`headway`: the project's command, a thin wrapper around Django's manage.py."""

import contextlib
import os
import sys

# Kept here, not imported from headway.clinical.cli, so manage.py commands do not load pydantic.
CLINICAL_COMMANDS = ("classify", "screen-red-flags", "screen-cervical", "score", "referral")


def _help() -> str:
    """The clinical commands, then Django's. Django's own help would end in a settings error
    where the site is not configured (no SECRET_KEY), although the clinical commands need no
    settings: there the site's commands are left out with a word on how to list them."""
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import ManagementUtility, find_commands

    from headway.clinical.cli import COMMAND_HELP

    lines = [
        "usage: headway COMMAND [options]",
        "",
        "Clinical core (JSON in, JSON out; no settings or database needed):",
        *(f"    {name:<20}{text}" for name, text in COMMAND_HELP.items()),
        "Type 'headway COMMAND --help' for a clinical command's options.",
    ]
    try:
        django.setup()
    except (ImproperlyConfigured, ImportError):
        core = sorted(find_commands(os.path.dirname(django.core.management.__file__)))
        lines += [
            "",
            "Django's commands (the site's own are listed once its settings load, e.g. with "
            "SECRET_KEY set, or DEBUG=1 for local work):",
            *(f"    {name}" for name in core),
        ]
    else:
        lines.append(ManagementUtility(["headway"]).main_help_text())
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in CLINICAL_COMMANDS:
        # The clinical core's commands need neither Django nor a database.
        from headway.clinical.cli import main as clinical_main

        sys.exit(clinical_main(sys.argv[1:]))
    if sys.argv[1:2] == ["help"] and sys.argv[2:3] and sys.argv[2] in CLINICAL_COMMANDS:
        from headway.clinical.cli import main as clinical_main

        sys.exit(clinical_main([sys.argv[2], "--help"]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    if sys.argv[1:] in ([], ["-h"], ["--help"], ["help"]):
        with contextlib.suppress(BrokenPipeError):  # e.g. piped into `head`
            print(_help())
        sys.exit(0)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
