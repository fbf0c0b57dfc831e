"""/api/v1/funding: funding requests, decisions, agreements, envelopes, payments, the funder's totals and export
(issue 16). A funder reads only what is addressed to it; a request the caller may not read answers 404."""

from acquis.api.funding import desk, requests  # noqa: F401 — they add routes
from acquis.api.funding.common import router

__all__ = ["router"]
