"""Timestamps come back aware and in UTC on every database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session

from contest.models import Contest


def test_aware_datetimes_round_trip_as_utc(session: Session) -> None:
    berlin_summer = timezone(timedelta(hours=2))
    moment = datetime(2025, 6, 22, 23, 59, 59, tzinfo=berlin_summer)
    contest = Contest(slug="t", name="T", rules_toml="", shortlist_frozen_at=moment)
    session.add(contest)
    session.flush()
    session.expire_all()
    loaded = session.get(Contest, contest.id)
    assert loaded is not None
    assert loaded.shortlist_frozen_at == moment
    assert loaded.shortlist_frozen_at.tzinfo is not None
    assert loaded.shortlist_frozen_at.utcoffset() == timedelta(0)
    assert loaded.shortlist_frozen_at.astimezone(UTC).hour == 21


def test_naive_datetimes_are_refused(session: Session) -> None:
    session.add(
        Contest(slug="n", name="N", rules_toml="", shortlist_frozen_at=datetime(2025, 1, 1))
    )
    with pytest.raises(Exception, match="naive datetime"):
        session.flush()
