"""The orientation API's routes in the permission matrix (issue 14): all public by design, like the pages they
serve — the ROME (the finder's autocomplete), places to get advice and an accompanier's R6423-4 information
(acquis/api/certifications.py, acquis/api/orientation.py). Nothing personal is read or kept."""

from __future__ import annotations

ACCOMPANIER = "/api/v1/advice/accompaniers/{siret}"
PUBLIC_ROUTES = (
    ("get", "/api/v1/certifications/job-titles"),
    ("get", "/api/v1/advice"),
    ("get", ACCOMPANIER),
)


def api_path(path: str) -> str | None:
    """An accompanier on the GIP's list (another SIRET answers 404); None for a route this module does not own."""
    from tests.pathways.factories import listed_accompanier

    return path.replace("{siret}", listed_accompanier().siret) if path == ACCOMPANIER else None
