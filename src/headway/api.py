"""The API root: OpenAPI at /api/docs. Errors are JSON with a machine-readable shape."""

from __future__ import annotations

from ninja import NinjaAPI

from headway.diary.api import router as diary_router
from headway.lib.api import api_errors_install

api = NinjaAPI(
    title="Headway API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="The patient's headache diary. Authenticate with the portal session (and its "
    "CSRF token) or with an app token: `Authorization: Bearer hw_...`. Errors are JSON with a "
    "`detail` and a machine-readable `code`.",
)
api_errors_install(api)
api.add_router("/diary", diary_router)
