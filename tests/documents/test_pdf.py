"""The shared PDF layout: characters outside the subset font, citations, quoted sentences once or each time."""

from __future__ import annotations

import datetime as dt
import io

import pypdf

from acquis.documents.pdf import Document, printable
from acquis.documents.text import cite, french_date, hours
from acquis.rules.decision import Source

SOURCE = Source(
    article="R6412-4",
    legiarti="LEGIARTI000048699561",
    valid_from=dt.date(2023, 12, 29),
    valid_until=None,
    sentence="Le ministère ou l'organisme certificateur notifie sa décision dans les deux mois.",
)


def _text(pdf: Document) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf.to_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_characters_outside_the_font_are_replaced_not_dropped():
    assert printable("Œuvre « été » – 5 €") == "Œuvre « été » – 5 €"
    assert printable("Zoë 王") == "Zoë ?"


def test_dates_hours_and_citations_in_french():
    assert french_date(dt.date(2024, 9, 1)) == french_date("2024-09-01") == "1er septembre 2024"
    assert french_date(None) == "—"
    assert hours(9000) == "9000 h"
    assert cite(SOURCE) == "Article R6412-4 du Code du travail (LEGIARTI000048699561, en vigueur du 29 décembre 2023)"
    ended = Source("L6422-1", "LEGIARTI000000000001", dt.date(2019, 1, 1), dt.date(2023, 12, 28), "Phrase.")
    assert cite(ended).endswith("en vigueur du 1er janvier 2019 au 28 décembre 2023)")


def test_a_sentence_is_quoted_each_time_or_once_then_referred_to():
    for repeat, quotes in ((True, 2), (False, 1)):
        pdf = Document(title="Essai", repeat_sources=repeat).start()
        pdf.heading("Délais")
        pdf.source(SOURCE)
        pdf.source(SOURCE)
        text = _text(pdf)
        assert text.count("notifie sa décision dans les deux mois") == quotes
        assert text.count("LEGIARTI000048699561") == 2
        assert ("phrase citée plus haut" in text) is not repeat
        assert "Page 1/1" in text
