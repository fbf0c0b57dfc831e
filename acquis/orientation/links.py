"""Candidate ROME links for fiches the register gives none (France VAE's catalogue, the reva list).

A fiche's title words, without the words naming the kind of diploma ("Titre professionnel", "CAP"…), are
compared with the ROME job titles: a job title all of whose words (roots) are in the title is a candidate,
and the most specific ones (most words) win. Their ROME codes, at most :data:`MAX_CODES`, are stored with
``source = computed``; a fiche with links of its own in the register never gets computed ones.
"""

from __future__ import annotations

from collections import Counter

from acquis.certifications.enums import RomeLinkSource
from acquis.certifications.models import Certification, CertificationRomeCode
from acquis.orientation.job_titles import JobTitleIndex
from acquis.orientation.models import RomeCode
from acquis.orientation.text import DIPLOMA_WORDS, analyse

MAX_CODES = 3


def candidate_codes(title: str, index: JobTitleIndex) -> list[str]:
    """The ROME codes of the most specific job titles named by ``title``, most named first."""
    roots = analyse(title, ignore=DIPLOMA_WORDS).roots
    matches = index.within(roots)
    if not matches:
        return []
    best = len(matches[0].roots)
    votes = Counter(title.rome_code for title in matches if len(title.roots) == best)
    return [code for code, _ in sorted(votes.items(), key=lambda item: (-item[1], item[0]))][:MAX_CODES]


def computed_links_sync(index: JobTitleIndex) -> tuple[int, int]:
    """Bring the computed links in line with the titles; returns (fiches linked, links written)."""
    labels = dict(RomeCode.objects.values_list("code", "label"))
    with_registry_links = set(
        CertificationRomeCode.objects.filter(source=RomeLinkSource.REGISTRY).values_list("certification_id", flat=True)
    )
    stored: dict[int, list[str]] = {}
    for cert_id, code in (
        CertificationRomeCode.objects.filter(source=RomeLinkSource.COMPUTED)
        .order_by("certification_id", "position")
        .values_list("certification_id", "code")
    ):
        stored.setdefault(cert_id, []).append(code)
    stale, new_rows, linked = [], [], 0
    for cert_id, title in Certification.objects.values_list("pk", "title").iterator(chunk_size=2000):
        wanted = [] if cert_id in with_registry_links else candidate_codes(title, index)
        linked += bool(wanted)
        if stored.get(cert_id, []) != wanted:
            stale.append(cert_id)
            new_rows.extend(
                CertificationRomeCode(
                    certification_id=cert_id,
                    position=position,
                    code=code,
                    label=labels.get(code, ""),
                    source=RomeLinkSource.COMPUTED,
                )
                for position, code in enumerate(wanted)
            )
    for start in range(0, len(stale), 500):
        CertificationRomeCode.objects.filter(
            certification_id__in=stale[start : start + 500], source=RomeLinkSource.COMPUTED
        ).delete()
    CertificationRomeCode.objects.bulk_create(new_rows, batch_size=1000)
    return linked, len(new_rows)
