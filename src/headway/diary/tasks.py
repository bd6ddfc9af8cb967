"""Background work of the diary, run by `headway db_worker` (django-tasks, database queue)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from headway.diary import services


@task()
def diary_reminder_send(reminder_id: int, due: str) -> str:
    """One patient's daily reminder; it queues the next one itself."""
    return services.reminder_deliver(reminder_id=reminder_id, due=due, base_url=settings.SITE_URL)
