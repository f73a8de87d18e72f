"""Blind judging: no /jury page ever shows the author's username, @handles, links or likes.

The secret entry's caption names its author and other accounts, and its like count is unusual;
every page a juror can reach, in every method, before and after voting, is searched for them.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Entry
from judging.ballots import Criterion, RoundMethod
from tests.web.jury.support import JuryWorld, as_juror, build_world, leaks_in

METHODS = {
    "stars": RoundMethod("rating"),
    "criteria": RoundMethod("rating", criteria=(Criterion("motif", "Motiv", 1.0),)),
    "yesno": RoundMethod("yesno"),
    "order": RoundMethod("ranking"),
    "points": RoundMethod("ranking", ballot="points"),
}


def jury_pages(world: JuryWorld) -> list[str]:
    round_id = world.round.id
    paths = ["/jury", f"/jury/rounds/{round_id}", f"/jury/rounds/{round_id}/ballot"]
    paths += [f"/jury/tasks/{task.id}" for task in world.tasks("jana")]
    return paths


def vote_everything(world: JuryWorld) -> None:
    workspace = world.workspace("jana")
    tasks = world.tasks("jana")
    method = world.round.method
    if method == "yesno":
        for task in tasks:
            workspace.cast_vote(task.id, {"yes": True})
    elif method == "rating" and world.round.config.get("criteria"):
        for task in tasks:
            workspace.cast_vote(task.id, {"criteria": {"motif": 5}})
    elif method == "rating":
        for task in tasks:
            workspace.cast_vote(task.id, {"stars": 5})
    elif world.round.config.get("ballot") == "points":
        workspace.submit_points(world.round.id, {task.id: 10 - i for i, task in enumerate(tasks)})
    else:
        workspace.submit_ranking(world.round.id, [task.id for task in tasks])


@pytest.mark.parametrize("method", METHODS, ids=list(METHODS))
def test_no_jury_page_shows_who_took_a_photo(
    client: TestClient, session: Session, method: str
) -> None:
    world = build_world(session, method=METHODS[method])
    secret = session.get(Entry, world.secret.id)
    assert secret.likes == 4711 and secret.participant.username == "anna_geheimnis"
    token = as_juror(client, world)
    seen = {}
    for path in jury_pages(world):
        seen[path] = client.get(path).text
    vote_everything(world)
    for path in jury_pages(world):
        seen[f"{path} (voted)"] = client.get(path).text
    secret_task = next(t for t in world.tasks("jana") if t.entry_id == world.secret.id)
    for action, data in (("vote", {"stars": "9"}), ("recuse", {"reason": ""})):
        response = client.post(
            f"/jury/tasks/{secret_task.id}/{action}", data={"csrf_token": token, **data}
        )
        seen[f"POST {action}"] = response.text
    leaks = {path: found for path, text in seen.items() if (found := leaks_in(text))}
    assert leaks == {}
    assert any("Gotha" in text for text in seen.values())  # the pages did show the entry


def test_the_check_would_notice_a_leak() -> None:
    assert leaks_in("Foto von @anna_geheimnis") == ["anna_geheimnis"]
    assert leaks_in("<span>4711 Likes</span>") == ["4711"]
    assert leaks_in("/media/1200/ab4711cd.webp") == []
