"""Parse responses so tests check pages by selector rather than by substring."""

from __future__ import annotations

from bs4 import BeautifulSoup
from httpx import Response


def page(response: Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    """The whitespace-normalised text of every element matching `selector`."""
    return [" ".join(element.get_text(" ").split()) for element in soup.select(selector)]
