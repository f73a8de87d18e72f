"""Assignment: even load, quorum, conflicts, no repeats, and redistribution mid-round."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from judging.assignment import (
    BLOCKING,
    COUNTING,
    DONE,
    MOVABLE,
    OPEN,
    RECUSED,
    WITHDRAWN,
    AssignmentPlan,
    Task,
    plan_assignments,
    task_sort_key,
)


def apply(existing: list[Task], plan: AssignmentPlan) -> dict[tuple[int, int], str]:
    """The round's tasks after the plan, as (entry, juror) -> status."""
    state = {(t.entry_id, t.juror_id): t.status for t in existing}
    for pair in plan.withdraw:
        assert state[pair] in MOVABLE, "only open or skipped tasks may be withdrawn"
        state[pair] = WITHDRAWN
    for pair in plan.add:
        assert state.get(pair) not in BLOCKING, f"{pair} assigned twice"
        state[pair] = OPEN
    return state


def loads(state, jurors) -> Counter:
    counter = Counter({juror: 0 for juror in jurors})
    for (_entry, juror), status in state.items():
        if status in COUNTING and juror in counter:
            counter[juror] += 1
    return counter


def per_entry(state) -> Counter:
    return Counter(entry for (entry, _juror), status in state.items() if status in COUNTING)


def test_first_assignment_is_even_and_meets_the_quorum() -> None:
    plan = plan_assignments(range(1, 7), [10, 20, 30], quorum=2, seed=1)
    state = apply([], plan)
    assert set(per_entry(state).values()) == {2}
    assert set(loads(state, [10, 20, 30]).values()) == {4}
    assert plan.withdraw == () and plan.short == {}


def test_conflicts_are_respected_and_shortfalls_reported() -> None:
    forbidden = {10: {1, 2}, 20: {1}}
    plan = plan_assignments([1, 2, 3], [10, 20, 30], quorum=2, forbidden=forbidden, seed=3)
    state = apply([], plan)
    assert not any(entry in forbidden.get(juror, ()) for entry, juror in state)
    assert plan.short == {1: 1}, "only juror 30 may judge entry 1"
    assert per_entry(state) == Counter({1: 1, 2: 2, 3: 2})


def test_same_seed_same_plan_other_seed_other_plan() -> None:
    first = plan_assignments(range(20), range(5), quorum=2, seed="round-1")
    assert first == plan_assignments(range(20), range(5), quorum=2, seed="round-1")
    assert first != plan_assignments(range(20), range(5), quorum=2, seed="round-2")


def test_removing_a_juror_moves_only_their_open_tasks() -> None:
    plan = plan_assignments(range(1, 7), [10, 20, 30], quorum=2, seed=5)
    tasks = [Task(e, j, DONE if e <= 2 else OPEN) for e, j in plan.add]
    replan = plan_assignments(range(1, 7), [10, 20], quorum=2, existing=tasks, seed=5)
    state = apply(tasks, replan)
    removed_done = [(e, j) for (e, j), s in state.items() if j == 30 and s == DONE]
    assert removed_done, "juror 30's cast votes stay and count"
    assert all(s in (DONE, WITHDRAWN) for (e, j), s in state.items() if j == 30)
    assert set(per_entry(state).values()) == {2}
    assert {e for e, _src, _dst in replan.moves} <= set(range(3, 7))


def test_a_new_juror_takes_over_open_tasks_until_loads_are_even() -> None:
    plan = plan_assignments(range(1, 10), [10, 20, 30], quorum=2, seed=7)
    tasks = [Task(e, j) for e, j in plan.add]
    replan = plan_assignments(range(1, 10), [10, 20, 30, 40], quorum=2, existing=tasks, seed=7)
    state = apply(tasks, replan)
    assert (
        loads(state, [10, 20, 30, 40]).most_common()[0][1]
        - min(loads(state, [10, 20, 30, 40]).values())
        <= 1
    )
    assert set(per_entry(state).values()) == {2}
    assert len(replan.moves) >= 4


def test_lowering_the_quorum_withdraws_open_tasks_but_keeps_votes() -> None:
    plan = plan_assignments([1, 2], [10, 20, 30], quorum=3, seed=1)
    tasks = [Task(e, j, DONE if j == 10 else OPEN) for e, j in plan.add]
    replan = plan_assignments([1, 2], [10, 20, 30], quorum=1, existing=tasks, seed=1)
    state = apply(tasks, replan)
    assert per_entry(state) == Counter({1: 1, 2: 1})
    assert all(state[(e, 10)] == DONE for e in (1, 2))


def test_a_recusal_brings_in_another_juror_and_never_the_same_one_again() -> None:
    plan = plan_assignments([1], [10, 20, 30], quorum=2, seed=2)
    recuser = plan.add[0][1]
    tasks = [Task(e, j, RECUSED if j == recuser else OPEN) for e, j in plan.add]
    replan = plan_assignments([1], [10, 20, 30], quorum=2, existing=tasks, seed=2)
    state = apply(tasks, replan)
    assert state[(1, recuser)] == RECUSED
    assert per_entry(state)[1] == 2
    assert (1, recuser) not in replan.add


def test_a_conflict_declared_mid_round_withdraws_the_open_task() -> None:
    tasks = [Task(1, 10), Task(1, 20)]
    replan = plan_assignments([1], [10, 20, 30], 2, forbidden={10: {1}}, existing=tasks, seed=0)
    assert replan.withdraw == ((1, 10),) and replan.add == ((1, 30),)


def test_task_order_is_a_stable_shuffle() -> None:
    keys = [task_sort_key("s", 1, entry) for entry in range(50)]
    assert sorted(range(50), key=lambda e: keys[e]) != list(range(50))
    assert keys == [task_sort_key("s", 1, entry) for entry in range(50)]


rounds = st.fixed_dictionaries(
    {
        "entries": st.integers(1, 25),
        "jurors": st.integers(1, 7),
        "quorum": st.integers(1, 4),
        "seed": st.integers(0, 10_000),
    }
)


@settings(max_examples=120, deadline=None)
@given(rounds)
def test_property_without_conflicts_loads_differ_by_at_most_one(spec) -> None:
    entries, jurors = range(spec["entries"]), range(spec["jurors"])
    plan = plan_assignments(entries, jurors, spec["quorum"], seed=spec["seed"])
    state = apply([], plan)
    counts = loads(state, jurors).values()
    assert max(counts) - min(counts) <= 1
    assert all(n == min(spec["quorum"], spec["jurors"]) for n in per_entry(state).values())


@settings(max_examples=150, deadline=None)
@given(
    rounds,
    st.data(),
)
def test_property_redistribution_keeps_every_promise(spec, data) -> None:
    entries, jurors = list(range(spec["entries"])), list(range(spec["jurors"]))
    pairs = st.tuples(st.sampled_from(entries), st.sampled_from(jurors))
    conflicts = data.draw(st.sets(pairs, max_size=10))
    forbidden: dict[int, set[int]] = {}
    for entry, juror in conflicts:
        forbidden.setdefault(juror, set()).add(entry)
    plan = plan_assignments(entries, jurors, spec["quorum"], forbidden=forbidden, seed=1)
    # Jurors work on some tasks, recuse from others; then the jury and the quorum change.
    outcome = st.sampled_from([OPEN, OPEN, DONE, DONE, RECUSED, "skipped"])
    tasks = [Task(e, j, data.draw(outcome)) for e, j in plan.add]
    new_jurors = data.draw(st.lists(st.integers(0, 9), unique=True, min_size=1, max_size=8))
    new_quorum = data.draw(st.integers(1, 4))
    replan = plan_assignments(
        entries, new_jurors, new_quorum, forbidden=forbidden, existing=tasks, seed=2
    )
    state = apply(tasks, replan)  # asserts: no repeats, only movable tasks withdrawn
    for entry, juror in replan.add:
        assert juror in new_jurors and entry not in forbidden.get(juror, ())
    done = Counter(t.entry_id for t in tasks if t.status == DONE)
    counting = per_entry(state)
    for entry in entries:
        target = max(new_quorum, done[entry])
        assert counting[entry] == target - replan.short.get(entry, 0)
        if replan.short.get(entry):
            idle = [
                j
                for j in new_jurors
                if entry not in forbidden.get(j, ()) and state.get((entry, j)) not in BLOCKING
            ]
            assert idle == [], "a shortfall only when nobody else may take the entry"
