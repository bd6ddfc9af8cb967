"""PDF documents (letters, reports) from templates with WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_bytes(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    import weasyprint  # imported here: Pango loads only when a PDF is made

    html = render_to_string(template, context, request=request)
    # A document is built from the template alone: nothing is fetched from the network or the
    # file system, so no patient data can leak through a URL and no file can be read. Data
    # URLs (the charts' SVG) are part of the template and are decoded in memory.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, filename: str
) -> HttpResponse:
    response = HttpResponse(pdf_bytes(template, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
