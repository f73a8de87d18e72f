"""The organiser console (`/admin`): dashboard, review queue, entries, jurors, audit, exports.

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
    jurors,
    manual_add,
    review,
)
from web.auth.deps import require_organiser
from web.csrf import CsrfDep

router = APIRouter(dependencies=[Depends(require_organiser), CsrfDep])
for module in (dashboard, review, entries, manual_add, contest_view, jurors, audit_log, exports):
    router.include_router(module.router)
