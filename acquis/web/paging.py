"""The ?page= of the list pages, read the same way everywhere."""

from __future__ import annotations

# Past this a list page is certainly empty; the bound keeps an offset within PostgreSQL's bigint and an absurd
# number (20 or 5,000 digits: security review M5) out of int() and SQL alike. The API's schemas use it too.
MAX_PAGE = 100_000


def page_number(request) -> int:
    """The page asked, 1 when it is not a positive number, MAX_PAGE at most."""
    asked = request.GET.get("page", "1")
    if not asked.isdigit():
        return 1
    if len(asked) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(asked), 1), MAX_PAGE)
