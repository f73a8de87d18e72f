"""Accounts in the web app: signed session cookies, log-in with rate limiting, role checks.

Routers protect themselves with the dependencies in `web.auth.deps`:
`require_organiser` / `OrganiserDep` for `/admin`, `require_juror` / `JurorDep` for `/jury`.
"""
