"""The call for entries as data and the pure eligibility engine: post facts in, verdicts out.

Nothing here touches the database, the web or the file system beyond reading contest files and
the gazetteer, so every rule is trivial to test.
"""
