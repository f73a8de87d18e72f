"""Judging: shortlist, rounds, juror assignment, votes, tallies, ties, results and the protocol.

Pure decision logic lives in modules without database code (`likes`, `like_spikes`, `blind`,
`ballots`, `tallies`, `ties`, `assignment`, `lifecycle`, `pseudonyms`); the services that read
and write the database build on them (`shortlist`, `rounds`, `assignments`, `standings`,
`results`, `protocol`). People reach the services through two doors with different keys:

- `judging.workspace.JurorWorkspace(session, user)`: what one juror may do and see, blind.
- `judging.organiser.OrganiserJudging(session, contest, actor)`: the organiser's operations.
"""
