# Issue 13, 1.12: a credential's method is now chosen from the methods the practice's technique
# catalogue asks for. Methods typed before match the catalogue regardless of case and spaces
# (the check is case-insensitive); they are rewritten in the catalogue's spelling so that the
# form shows them as chosen. A method that matches nothing is left as typed: it is the owner's
# to add to the catalogue or the practitioner's to record again.

from django.db import migrations


def to_catalogue_spelling(apps, schema_editor):
    Technique = apps.get_model("care", "Technique")
    Credential = apps.get_model("accounts", "Credential")
    spelling: dict[tuple[int, str], str] = {}
    for practice_id, method in (
        Technique.objects.exclude(credential_method="")
        .values_list("practice_id", "credential_method")
        .order_by("id")
    ):
        spelling.setdefault((practice_id, " ".join(method.split()).casefold()), method.strip())
    for credential in Credential.objects.all().only("id", "practice_id", "method"):
        found = spelling.get(
            (credential.practice_id, " ".join(credential.method.split()).casefold())
        )
        if found is not None and found != credential.method:
            credential.method = found
            credential.save(update_fields=["method"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_alter_practice_screen_valid_months"),
        ("care", "0004_alter_cervicalscreen_options_alter_referral_source"),
    ]

    operations = [migrations.RunPython(to_catalogue_spelling, migrations.RunPython.noop)]
