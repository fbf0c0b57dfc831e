"""The certification finder: a person's words (and job titles they picked) → ranked certifications, with why.

Two signals, the same on both engines:

1. **Job titles.** The words are compared with the ROME job titles (acquis.orientation.job_titles): every
   title all of whose words are in the description is a match ("aide-soignante de nuit" names
   "Aide-soignant / Aide-soignante"); its ROME code leads to the certifications linked to that code (in the
   register, or computed from the fiche's title, acquis.orientation.links). A title the person picked
   counts fully.
2. **Words.** The engine's full-text search (acquis.orientation.finder.backends) finds the documents that
   share words with the description and ranks them; the finder also counts how many of the description's
   words each one covers, those of the title counting double.

``score = 0.5 × job title + 0.35 × words covered + 0.15 × engine rank`` (each in [0, 1]): a job-title match
outweighs a few shared words, and the engine's rank only breaks ties. Only active certifications open to
VAE are offered (acquis.orientation.finder.index).

The explanation also quotes, in the ROME's own words, the skills and knowledge (acquis.orientation.skills) the
description names and the certification's texts name too; they do not change the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acquis.certifications.enums import RomeLinkSource
from acquis.certifications.models import Certification, SkillBlock
from acquis.orientation.finder.backends import backend, linked_documents
from acquis.orientation.job_titles import JobTitle, job_title_index
from acquis.orientation.models import RomeCode
from acquis.orientation.skills import SkillLabel, skill_index
from acquis.orientation.text import analyse
from acquis.territories.models import Department

MAX_TEXT = 2000
MAX_ROOTS = 40
MAX_LIMIT = 50
#: Candidates asked from the engine before scoring: enough for the best ``limit`` after the job-title signal.
ENGINE_CANDIDATES = 100
#: Job titles kept from a description (most specific first).
MAX_JOB_TITLES = 12
#: ROME skills and knowledge quoted in one result's explanation.
MAX_SKILLS = 3
WEIGHTS = {"job_title": 0.5, "words": 0.35, "rank": 0.15}


class FinderError(ValueError):
    """A bad argument (level, département, limit, job title); the message is the French sentence to show."""


@dataclass
class FinderResult:
    code: str
    title: str
    level: int | None
    score: float
    why: list[str]
    abbreviation: str = ""


@dataclass
class FinderAnswer:
    results: list[FinderResult]
    #: What the finder understood: the job titles it recognised or that were picked.
    job_titles: list[JobTitle] = field(default_factory=list)
    #: A sentence for the person when there is nothing (or less) to show: empty, too long, nothing found.
    message: str = ""
    department: Department | None = None
    engine: str = ""

    def as_json(self) -> dict:
        data: dict = {
            "results": [
                {"code": r.code, "title": r.title, "level": r.level, "score": r.score, "why": r.why}
                for r in self.results
            ]
        }
        if self.message:
            data["message"] = self.message
        return data


def check_arguments(*, level: int | None, department: str | None, limit: int) -> Department | None:
    if level is not None and not 1 <= level <= 8:
        raise FinderError("Le niveau est un nombre de 1 à 8 (cadre national des certifications professionnelles).")
    if not 1 <= limit <= MAX_LIMIT:
        raise FinderError(f"Le nombre de résultats demandé va de 1 à {MAX_LIMIT}.")
    if not department:
        return None
    found = Department.objects.filter(code=department.strip().upper()).first()
    if found is None:
        raise FinderError(f"Le département « {department.strip()[:10]} » n'existe pas (par exemple 31, 2A ou 974).")
    return found


def _picked(codes: list[int], index) -> list[JobTitle]:
    missing = [code for code in codes if code not in index.titles]
    if missing:
        raise FinderError(f"Métier du ROME inconnu : {', '.join(str(code) for code in missing)}.")
    return [index.titles[code] for code in codes]


#: A job title of the same ROME family as the one named (same parent code) counts this much.
FAMILY = 0.7
#: A job title the description only partly names (acquis.orientation.job_titles.JobTitleIndex.partly).
PARTLY = 0.6


@dataclass(frozen=True)
class Named:
    """A job title the person picked or the description names, and how much it counts (0–1)."""

    title: JobTitle
    weight: float
    picked: bool = False


def _named(roots, picked: list[JobTitle], index) -> list[Named]:
    matched = index.within(roots)[:MAX_JOB_TITLES]
    largest = max((len(t.roots) for t in matched), default=1)
    named = [Named(t, 1.0, picked=True) for t in picked]
    named += [Named(t, len(t.roots) / largest) for t in matched if t not in picked]
    if len(matched) < MAX_JOB_TITLES:
        seen = {n.title.code_ogr for n in named}
        named += [
            Named(t, PARTLY * share) for t, share in index.partly(roots)[:MAX_JOB_TITLES] if t.code_ogr not in seen
        ]
    return named


def _linked(
    named: list[Named], level: int | None, documents: dict[int, tuple[str, str]]
) -> tuple[dict[int, list[tuple[float, Named, str, str]]], dict]:
    """Eligible certification id → [(weight, job title, ROME code, link source)], best first; and ROME labels.
    ``documents`` receives the linked documents' roots (read in the same query)."""
    if not named:
        return {}, {}
    families = {n.title.family for n in named}
    codes = dict(RomeCode.objects.filter(parent_code__in=families).values_list("code", "parent_code"))
    labels = dict(RomeCode.objects.filter(code__in=codes).values_list("code", "label"))
    rows = linked_documents(codes=list(codes), level=level)
    # The best job title per ROME code and per family, so that each link is weighed in one look-up.
    by_code: dict[str, tuple[float, Named]] = {}
    by_family: dict[str, tuple[float, Named]] = {}
    for n in named:
        for table, key, weight in (
            (by_code, n.title.rome_code, n.weight),
            (by_family, n.title.family, FAMILY * n.weight),
        ):
            if weight > table.get(key, (0.0, None))[0]:
                table[key] = (weight, n)
    links: dict[int, list[tuple[float, Named, str, str]]] = {}
    for cert_id, code, source, title_roots, roots in rows:
        weight, best = max(by_code.get(code, (0.0, None)), by_family[codes[code]], key=lambda item: item[0])
        links.setdefault(cert_id, []).append((weight, best, code, source))
        documents[cert_id] = (title_roots, roots)
    for found in links.values():
        found.sort(key=lambda link: -link[0])
    return links, labels


def _why_job_title(code: str, source: str, named: Named, rome_labels: dict[str, str]) -> str:
    how = "que vous avez choisi" if named.picked else "reconnu dans votre description"
    if not named.picked and named.weight <= PARTLY:
        how = "proche de votre description"
    family = "" if named.title.rome_code == code else f", de la même famille que {named.title.rome_code}"
    link = (
        "lien publié au registre"
        if source == RomeLinkSource.REGISTRY
        else "lien calculé par Acquis d'après l'intitulé, à confirmer"
    )
    return (
        f"Métier « {named.title.label} » {how} : fiche ROME {code} « {rome_labels.get(code, '')} »{family} ({link})."
    )


def find(
    text: str = "",
    *,
    level: int | None = None,
    department: str | None = None,
    limit: int = 10,
    job_titles: list[int] | tuple[int, ...] = (),
) -> FinderAnswer:
    """Rank the active certifications open to VAE for a description and/or picked ROME job titles.

    Raises FinderError on a bad argument; an empty, meaningless or very long description is not an error:
    the answer carries a ``message`` to show instead (or beside the results).
    """
    place = check_arguments(level=level, department=department, limit=limit)
    index = job_title_index()
    picked = _picked(list(dict.fromkeys(job_titles)), index)
    text = text or ""
    message = ""
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        message = f"Votre description est longue : seuls ses {MAX_TEXT} premiers caractères ont été lus."
    analysed = analyse(text)
    roots = analysed.roots[:MAX_ROOTS]
    engine = backend()
    answer = FinderAnswer(results=[], department=place, engine=engine.name, message=message)
    if not roots and not picked:
        answer.message = message or (
            "Décrivez ce que vous avez fait dans votre travail (par exemple « aide-soignante de nuit en EHPAD ») "
            "ou choisissez un métier : Acquis cherche alors les certifications qui s'en rapprochent."
        )
        return answer
    named = _named(roots, picked, index)
    answer.job_titles = [n.title for n in named]
    found = engine.candidates(words=analysed.words[:MAX_ROOTS], roots=roots, level=level, limit=ENGINE_CANDIDATES)
    ranks = {pk: rank for pk, (rank, _, _) in found.items()}
    documents = {pk: (title_roots, all_roots) for pk, (_, title_roots, all_roots) in found.items()}
    links, rome_labels = _linked(named, level, documents)
    if not documents:
        answer.message = message or (
            "Aucune certification ouverte à la VAE ne correspond à cette description. Essayez d'autres mots "
            "(le nom de votre métier, vos tâches principales), un autre niveau, ou demandez conseil."
        )
        return answer
    top_rank = max(ranks.values(), default=0.0) or 1.0
    wanted = set(roots)
    scored = []
    for pk, (title_roots, all_roots) in documents.items():
        in_title = wanted.intersection(title_roots.split())
        elsewhere = wanted.intersection(all_roots.split()) - in_title
        words_part = min(1.0, (2 * len(in_title) + len(elsewhere)) / (2 * len(wanted))) if wanted else 0.0
        job_part = links[pk][0][0] if pk in links else 0.0
        rank_part = max(0.0, ranks.get(pk, 0.0)) / top_rank
        score = WEIGHTS["job_title"] * job_part + WEIGHTS["words"] * words_part + WEIGHTS["rank"] * rank_part
        scored.append((score, pk, in_title, elsewhere))
    scored.sort(key=lambda item: (-item[0], item[1]))
    best = scored[:limit]
    skills = skill_index().named(roots) if roots else []
    answer.results = _explain(best, analysed, links, rome_labels, skills, documents)
    return answer


def _why_skills(skills: list[SkillLabel], document_roots: set[str]) -> str:
    """The ROME skills and knowledge the description names that the certification's texts name too."""
    quoted: list[str] = []
    for item in skills:
        if item.roots <= document_roots and item.label not in quoted:
            quoted.append(item.label)
        if len(quoted) == MAX_SKILLS:
            break
    if not quoted:
        return ""
    labels = " ; ".join(f"« {label} »" for label in quoted)
    return f"Compétences et savoirs du ROME que vous décrivez et que cette certification couvre : {labels}."


def _explain(best, analysed, links, rome_labels, skills=(), documents=None) -> list[FinderResult]:
    ids = [pk for _, pk, _, _ in best]
    certifications = Certification.objects.in_bulk(ids)
    blocks: dict[int, list[SkillBlock]] = {}
    for block in SkillBlock.objects.filter(certification_id__in=ids).order_by("code"):
        blocks.setdefault(block.certification_id, []).append(block)
    results = []
    for score, pk, in_title, elsewhere in best:
        certification = certifications[pk]
        why = []
        for _, named, code, source in links.get(pk, ())[:3]:
            why.append(_why_job_title(code, source, named, rome_labels))
        if in_title:
            quoted = ", ".join(analysed.word_of(r) for r in analysed.roots if r in in_title)
            why.append(f"Mots de votre description dans l'intitulé : {quoted}.")
        for block in blocks.get(pk, ()):
            shared = set(analyse(block.title).roots) & elsewhere
            if shared:
                quoted = ", ".join(analysed.word_of(r) for r in analysed.roots if r in shared)
                why.append(f"Bloc de compétences {block.code} « {block.title} » : {quoted}.")
        if skills and documents and pk in documents:
            line = _why_skills(skills, set(documents[pk][1].split()))
            if line:
                why.append(line)
        if not why and elsewhere:
            quoted = ", ".join(analysed.word_of(r) for r in analysed.roots if r in elsewhere)
            why.append(f"Mots de votre description dans la fiche (métiers visés, abrégé) : {quoted}.")
        results.append(
            FinderResult(
                code=certification.code,
                title=certification.title,
                level=certification.level,
                score=round(score, 2),
                why=why,
                abbreviation=certification.abbreviation,
            )
        )
    return results
