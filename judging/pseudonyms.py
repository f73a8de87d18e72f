"""Juror pseudonyms for exports and the protocol: A, B, ... Z, AA, AB, ... (pure)."""

from __future__ import annotations

from collections.abc import Iterable


def pseudonym(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (spreadsheet column style)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def pseudonyms(juror_ids: Iterable[int]) -> dict[int, str]:
    """Stable letters: jurors in order of their account id, so the mapping never reshuffles."""
    return {juror_id: pseudonym(i) for i, juror_id in enumerate(sorted(set(juror_ids)))}
