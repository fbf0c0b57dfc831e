"""/api/v1/candidacies: the VAE pathway for certifiers' and accompaniers' information systems and for people
(issue 6). Reads in ``read``; registration in ``registration``; the candidate's and accompanier's actions in
``candidate``; the certifier's in ``certifier``; drop-out, archive, reorientation, reopening and litigation in
``lifecycle``; the generated PDFs in ``documents``; what they share (loading, refusals as problems, the
audited write) in ``common``.

Who sees what (R6411-5, recipients by purpose): a certifier — a person with the certifier role or the
organisation's API token — the files addressed to it; an accompanier the candidacies that chose it; a
candidate their own; the GIP all; a funder the candidacies of the programmes it sponsors, in a **funding
view** without the candidate's personal data. Statisticians read aggregates elsewhere, never a candidacy.

404 or 403: a candidacy the caller may neither read nor act on answers **404**, with the very body a
candidacy that does not exist gets (ids are sequential). One the caller reads but may not act on answers 403.
A refusal by the services answers **409** when the candidacy's state forbids the action (already decided,
closed, wrong step) and **422** when the input is refused (a rule's refusal cites its article and sentence).

Statuses and deadlines are computed when read (acquis.pathways.status), never stored.
"""

from acquis.api.pathways import (  # noqa: F401 — they add routes
    candidate,
    certifier,
    documents,
    lifecycle,
    read,
    registration,
)
from acquis.api.pathways.common import CONFLICTS, router

__all__ = ["CONFLICTS", "router"]
