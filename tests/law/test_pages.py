"""The public law pages: article at a date, versions, word-level diff (issue 3 §2)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from acquis.law import selectors
from acquis.law.diff import tokenize
from tests.law.db import law_corpus_module  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("law_corpus_module")]

ARTICLE = reverse("web:law_article", kwargs={"number": "R6422-4"})
DIFF = reverse("web:law_diff")
_SECTION = re.compile(r'<section class="fr-mt-4w" aria-labelledby="article-([^"]+)">(.*?)</section>', re.S)
_SR_ONLY = re.compile(r'<span class="fr-sr-only">.*?</span>', re.S)


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _marked_words(html: str, tag: str) -> list[str]:
    parts = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", _SR_ONLY.sub("", html), re.S)
    return [w for part in parts for w in tokenize(_text(part))]


def test_index_links_to_the_pages_and_the_nav_has_droit(client):
    response = client.get(reverse("web:law_index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="page">Droit</a>' in html
    assert f"{DIFF}?du=2019-11-01&amp;au=2019-11-04" in html


def test_index_search_redirects_to_the_article(client):
    response = client.get(reverse("web:law_index"), {"numero": "r6422-4", "date": "2019-11-10"})
    assert response.status_code == 302 and response["Location"] == f"{ARTICLE}?date=2019-11-10"
    response = client.get(reverse("web:law_index"), {"numero": "pas un article"})
    assert response.status_code == 400 and "Numéro d&#x27;article non reconnu" in response.content.decode()


def test_article_as_in_force_on_a_date(client):
    response = client.get(ARTICLE, {"date": "2019-11-10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Version en vigueur le 10 novembre 2019" in html
    assert "LEGIARTI000039330059" in html and "du 4 novembre 2019 au 28 décembre 2023" in html
    assert "Dans les trente jours calendaires suivant la réception" in html
    assert 'value="2019-11-10"' in html  # the date form keeps the date asked


def test_an_annex_has_its_own_page(client):
    url = reverse("web:law_article", args=["Annexe (LEGIARTI000038591361)"])
    response = client.get(url, {"date": "2024-01-01"})
    assert response.status_code == 200
    assert "LEGIARTI000038591361" in unescape(response.content.decode())
    assert "LEGIARTI000018497130" not in response.content.decode()  # the other "Annexe" of the sixth part


@pytest.mark.parametrize(
    ("day", "legiarti_id"),
    [("2019-11-03", "LEGIARTI000029756168"), ("2019-11-04", "LEGIARTI000039330059")],
)
def test_article_on_both_sides_of_a_boundary(client, day, legiarti_id):
    assert legiarti_id in client.get(ARTICLE, {"date": day}).content.decode()


def test_article_without_date_shows_todays_version(client):
    html = client.get(ARTICLE).content.decode()
    assert "LEGIARTI000048721677" in html and "depuis le 29 décembre 2023" in html


def test_article_with_a_bad_date_says_so(client):
    response = client.get(ARTICLE, {"date": "2019-02-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Saisissez une date valide au format AAAA-MM-JJ" in html and 'aria-invalid="true"' in html


def test_article_before_its_first_version_and_unknown_article(client):
    html = unescape(client.get(ARTICLE, {"date": "2000-01-01"}).content.decode())
    assert "Aucune version de l'article R6422-4 n'est en vigueur le 1er janvier 2000" in html
    assert client.get(reverse("web:law_article", kwargs={"number": "R9999-9"})).status_code == 404


def test_reconstructed_text_is_shown_without_an_id(client):
    url = reverse("web:law_article", kwargs={"number": "R6422-13"})
    html = client.get(url, {"date": "2019-11-01"}).content.decode()
    assert "sans identifiant LEGIARTI (texte reconstitué)" in html and "La signature par le salarié" in html


def test_timeline_lists_every_version_with_links(client):
    response = client.get(reverse("web:law_timeline", kwargs={"number": "R6422-4"}))
    assert response.status_code == 200
    html = response.content.decode()
    ids = re.findall(r"<code>(LEGIARTI\d+)</code>", html)
    assert ids == ["LEGIARTI000018522188", "LEGIARTI000029756168", "LEGIARTI000039330059", "LEGIARTI000048721677"]
    for start in ("2008-05-01", "2014-11-15", "2019-11-04", "2023-12-29"):
        assert f'{ARTICLE}?date={start}"' in html
    assert "du 15 novembre 2014 au 3 novembre 2019" in html and "absent du corpus" in html
    assert reverse("web:law_timeline", kwargs={"number": "R9999-9"}) and (
        client.get(reverse("web:law_timeline", kwargs={"number": "R9999-9"})).status_code == 404
    )


def test_diff_of_the_sixth_part_on_2019_11_04_lists_the_24_articles_of_seed_001(client):
    response = client.get(DIFF, {"du": "2019-11-01", "au": "2019-11-04"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "24 article(s) : 20 modifié(s), 2 créé(s), 2 abrogé(s)" in html
    sections = dict(_SECTION.findall(html))
    assert len(sections) == 24
    kinds = {n: re.search(r'data-kind="(\w+)"', body).group(1) for n, body in sections.items()}
    assert {n for n, k in kinds.items() if k == "created"} == {"R6422-8-1", "R6423-3-1"}
    assert {n for n, k in kinds.items() if k == "abrogated"} == {"R6422-10-1", "R6422-13"}
    assert sum(k == "modified" for k in kinds.values()) == 20
    # Each article's <del>/<ins> carry exactly the words of the diff (checked against seed 001 in
    # test_acceptance_2019_11_04.py).
    changes = {c.number: c for c in selectors.section_diff(None, date(2019, 11, 1), date(2019, 11, 4))}
    assert list(sections) == list(changes)
    for number, body in sections.items():
        assert _marked_words(body, "del") == changes[number].deleted_words, number
        assert _marked_words(body, "ins") == changes[number].inserted_words, number


def test_diff_markup_is_accessible(client):
    html = client.get(DIFF, {"du": "2019-11-01", "au": "2019-11-04", "article": "R6113-21"}).content.decode()
    assert "1 article(s) : 1 modifié(s)" in html
    # Colours come from acquis.css (.acquis-diff ins/del): no inline style under the Content-Security-Policy.
    assert '<ins><span class="fr-sr-only">[ajouté : </span>' in html
    assert _marked_words(html, "ins") == ["en", "précise", "la", "composition", "et"]
    html = client.get(DIFF, {"du": "2019-11-01", "au": "2019-11-04", "article": "R6422-13"}).content.decode()
    assert '<del><span class="fr-sr-only">[supprimé : </span>' in html


def test_diff_of_a_section_by_title_path(client):
    html = client.get(
        DIFF, {"du": "2019-11-01", "au": "2019-11-04", "section": "Partie réglementaire > Sixième partie > Livre IV"}
    ).content.decode()
    assert "R6422-4" in html and "R6113-21" not in html


def test_diff_says_when_the_earlier_text_is_missing_instead_of_inventing_one(client):
    html = client.get(DIFF, {"du": "2014-11-14", "au": "2014-11-15", "article": "R6422-4"}).content.decode()
    assert "texte antérieur absent du corpus" in html
    assert "Le corpus ne contient pas le texte en vigueur le 14 novembre 2014" in html
    assert "<del" not in html and "<ins" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"du": "2019-11-01", "au": "04/11/2019"}, "Saisissez une date valide au format AAAA-MM-JJ"),
        ({"du": "2019-11-04", "au": "2019-11-01"}, "La date « Du » doit précéder la date « Au »."),
        ({"du": "2019-11-01"}, "Indiquez une date."),
        ({"du": "2019-11-01", "au": "2019-11-04", "article": "R9999-9"}, "L'article R9999-9 n'est pas"),
        ({"du": "2019-11-01", "au": "2019-11-04", "section": "Dixième partie"}, "Aucune section ne correspond"),
        ({"du": "2019-11-01", "au": "2019-11-04", "section": "Partie", "article": "R6422-4"}, "pas les deux"),
    ],
)
def test_diff_bad_input_gives_a_clear_error(client, params, message):
    response = client.get(DIFF, params)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert message in html and "fr-alert--error" in html and "<section" not in html


def test_diff_form_alone(client):
    response = client.get(DIFF)
    assert response.status_code == 200 and "Comparer" in response.content.decode()
