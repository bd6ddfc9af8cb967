"""The data migration that rewrites credentials typed before issue 13, 1.12 in the catalogue's
spelling, so the method chosen from the catalogue shows as theirs."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0006_alter_practice_screen_valid_months"),
    ("care", "0004_alter_cervicalscreen_options_alter_referral_source"),
]
AFTER = [("care", "0005_credential_method_from_catalogue")]


@pytest.mark.django_db(transaction=True)
def test_typed_methods_take_the_catalogues_spelling_where_they_match():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Practice = apps.get_model("accounts", "Practice")
    User = apps.get_model("accounts", "User")
    Technique = apps.get_model("care", "Technique")
    Credential = apps.get_model("accounts", "Credential")
    practice = Practice.objects.create(name="A")
    other = Practice.objects.create(name="B")
    user = User.objects.create(email="p@example.org", password="!")
    Technique.objects.create(
        practice=practice, kind="upper_cervical", credential_method="Upper cervical therapy"
    )
    Technique.objects.create(practice=other, kind="sot_blocking", credential_method="SOT")

    def credential(on, method):
        return Credential.objects.create(
            practice=on, user=user, method=method, issuing_body="X", issued_on=date(2024, 1, 1)
        ).pk

    matching = credential(practice, "  upper CERVICAL  therapy ")
    unknown = credential(practice, "Craniosacral")
    elsewhere = credential(practice, "sot")  # SOT is another practice's method
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Credential = apps.get_model("accounts", "Credential")
    assert Credential.objects.get(pk=matching).method == "Upper cervical therapy"
    assert Credential.objects.get(pk=unknown).method == "Craniosacral"
    assert Credential.objects.get(pk=elsewhere).method == "sot"
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
