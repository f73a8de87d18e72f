"""Shared core of Downtown-Snap: settings, database, ORM models, migrations and the audit log.

Everything else (ingest, rules, judging, web) builds on this package; it imports none of them.
"""
