"""The jury workspace (`/jury`): a juror's rounds, tasks one by one, ballots, own statistics.

Every route sits behind `require_juror` and the CSRF check, set once on this router, so a new
page cannot forget them; `tests/web/test_permissions.py` walks the route table to prove it. The
handlers only ever hold a `JurorWorkspace` (see `web.jury.common`), which is blind and reaches
nothing but the signed-in juror's own tasks.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from web.auth.deps import require_juror
from web.csrf import CsrfDep
from web.deps import WriteTransaction
from web.jury import ballot, overview, tasks
from web.jury.errors import install

# WriteTransaction first: it must open the session's transaction before the role check reads.
router = APIRouter(dependencies=[WriteTransaction, Depends(require_juror), CsrfDep])
for module in (overview, tasks, ballot):
    router.include_router(module.router)

__all__ = ["install", "router"]
