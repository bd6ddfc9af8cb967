"""The API's error answers: always JSON with a machine-readable `code` beside the `detail` for
developers, never Django's HTML error pages. The schemas are listed in the OpenAPI document so a
client knows every answer it can get."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError


class ErrorOut(Schema):
    detail: str
    code: str  # malformed, not_authenticated, csrf_failed, forbidden, not_found


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]  # pydantic's errors: where (`loc`) and what (`msg`)
    code: str  # invalid


class TooLargeOut(Schema):
    detail: str
    code: str  # too_large
    max_bytes: int  # the largest request body accepted; split the batch below it


class ApiError(HttpError):
    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


_CODES = {400: "malformed", 401: "not_authenticated", 403: "forbidden", 404: "not_found"}

# What every operation may answer besides its own 200; an operation adds 404 or 413 where it
# gives them. 422: parameters or body not of the documented shape.
ERRORS_READ: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut}
ERRORS_WRITE: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,  # a signed-in session without its CSRF token
    413: TooLargeOut,
    422: ValidationErrorOut,
}


def max_request_bytes() -> int | None:
    """Django refuses a request body above this before any view reads it."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return int(limit) if limit is not None else None


def api_errors_install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(HttpError)  # also ninja's AuthenticationError (401)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = getattr(exc, "code", None) or _CODES.get(exc.status_code, "error")
        return answer(request, exc.status_code, {"detail": str(exc), "code": code})

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, {"detail": "Not Found", "code": "not_found"})

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return answer(request, 422, {"detail": exc.errors, "code": "invalid"})

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django's own answer is an HTML 400 that a client cannot tell from a malformed request.
        limit = max_request_bytes() or 0
        return answer(
            request,
            413,
            {
                "detail": f"The request is larger than {limit} bytes: send fewer entries at once.",
                "code": "too_large",
                "max_bytes": limit,
            },
        )
