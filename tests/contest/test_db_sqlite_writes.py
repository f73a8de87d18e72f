"""SQLite under concurrent form posts: a transaction that reads, then writes after another writer
committed, fails at once under WAL ("database is locked", the busy timeout does not help); one
begun IMMEDIATE (the `sqlite_begin` execution option that web requests which write set) waits
for the lock and both writes land."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from contest.db import SQLITE_BEGIN, make_engine


@pytest.fixture
def counter(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'writes.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE counter (n INTEGER)")
        connection.exec_driver_sql("INSERT INTO counter VALUES (0)")
    yield engine
    engine.dispose()


def value(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT n FROM counter").scalar_one()


def add_one(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE counter SET n = n + 1")


def test_a_plain_transaction_cannot_write_after_a_later_commit(counter: Engine) -> None:
    with counter.connect() as reader:
        transaction = reader.begin()
        reader.exec_driver_sql("SELECT n FROM counter").all()  # the snapshot is taken
        add_one(counter)  # another request commits meanwhile
        with pytest.raises(OperationalError, match="locked"):
            reader.exec_driver_sql("UPDATE counter SET n = n + 10")
        transaction.rollback()
    assert value(counter) == 1


def test_an_immediate_transaction_waits_for_its_turn(counter: Engine) -> None:
    with counter.connect().execution_options(**{SQLITE_BEGIN: "IMMEDIATE"}) as writer:
        transaction = writer.begin()
        writer.exec_driver_sql("SELECT n FROM counter").all()
        other = threading.Thread(target=add_one, args=(counter,))
        other.start()  # waits for the lock this transaction holds
        writer.exec_driver_sql("UPDATE counter SET n = n + 10")
        transaction.commit()
    other.join(timeout=30)
    assert not other.is_alive()
    assert value(counter) == 11
