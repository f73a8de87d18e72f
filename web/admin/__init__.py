"""The organiser console (`/admin`): dashboard, review queue, entries, judging, jurors, exports.

Every route sits behind `require_organiser` and the CSRF check, set once on this router, so a
new page cannot forget them; `tests/web/test_permissions.py` walks the route table to prove it.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from web.admin import (
    audit_log,
    contest_view,
    dashboard,
    entries,
    exports,
    judging_exports,
    jurors,
    manual_add,
    participants,
    results,
    review,
    round_actions,
    rounds,
    shortlist,
    standings,
)
from web.auth.deps import require_organiser
from web.csrf import CsrfDep

router = APIRouter(dependencies=[Depends(require_organiser), CsrfDep])
PAGES = (
    dashboard,
    review,
    entries,
    participants,
    manual_add,
    shortlist,
    rounds,
    round_actions,
    standings,
    results,
    contest_view,
    jurors,
    audit_log,
    exports,
    judging_exports,
)
for module in PAGES:
    router.include_router(module.router)
