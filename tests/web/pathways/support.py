"""Helpers of the pathway page tests."""

from html import unescape


def text(response) -> str:
    """The page's HTML with entities decoded, so that French apostrophes compare as typed."""
    return unescape(response.content.decode())
