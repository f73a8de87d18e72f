"""The printable protocol: German, pseudonymised, escaped, with ties and decisions."""

from __future__ import annotations

from judging.workspace import JurorWorkspace
from tests.judging.helpers import frozen_contest, running_round, vote_all


def test_an_empty_contest_has_a_protocol(session, factory) -> None:
    org = frozen_contest(session, factory, entries=2)
    html = org.protocol_html()
    assert "Noch keine Runden." in html and "noch kein Ergebnis" in html


def test_notes_are_escaped(session, factory) -> None:
    org = frozen_contest(session, factory, entries=8)
    outside = factory.entry(likes=1)
    org.add_wildcard(outside.shortcode, "<script>alert(1)</script>")
    html = org.protocol_html()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_ties_and_their_decisions_are_recorded(session, factory) -> None:
    jana, olaf = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana, olaf], quorum=2)
    vote_all(session, round_, [jana, olaf], lambda juror, entry: {"stars": 4})
    org.close_round(round_)
    html = org.protocol_html()
    assert "noch nicht entschieden" in html
    tie = org.standings(round_).ties[0]
    org.decide_tie(round_, list(tie.shortcodes), "Entscheid per Handzeichen 2:0")
    html = org.protocol_html()
    assert "durch den Veranstalter – Entscheid per Handzeichen 2:0" in html
    assert "Gleichstand" in html and "entschieden" in html
    assert "4,00" in html, "German decimal comma"


def test_recusals_and_reopenings_appear_in_the_audit_excerpt(session, factory) -> None:
    jana, olaf, uwe = factory.jurors("jana", "olaf", "uwe")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, [jana, olaf, uwe], quorum=2)
    workspace = JurorWorkspace(session, jana)
    task = workspace.tasks(round_.id)[0]
    workspace.recuse(task.task_id, "kenne den Fotografen")
    org.close_round(round_)
    org.reopen_round(round_, "Nachzügler")
    html = org.protocol_html()
    assert "für befangen erklärt: kenne den Fotografen" in html
    assert "wieder geöffnet: Nachzügler" in html
    assert "A hat sich" in html, "the juror is pseudonymised in the audit excerpt"
