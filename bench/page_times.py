"""Time single page requests as one user (see the command below).

    uv run python manage.py shell -c "import bench.page_times"


Signs in as the demo account `admin` (second factor passed), opens each page twice with
Django's test client and prints status, seconds, queries and HTML size. Used for the
"single pages, one user" figures of docs/performance.md; point DATABASE_URL or
DANGVIEN_DATA_DIR at a generated database first.
"""

from __future__ import annotations

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvien.accounts.models import User
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Organization
from dangvien.testing import login

client = login(Client(HTTP_HOST="localhost"), User.objects.get(username="admin"))
client.get("/tai-khoan/bao-mat/")  # load URLs and templates first
commune = (
    Organization.objects.filter(org_type=OrgType.COMMUNE.value)
    .order_by("code")
    .values_list("code", flat=True)
    .first()
)
for url in [
    "/",
    f"/phat-trien/?org={commune}",
    f"/nhan-su/?org={commune}",
    "/nhan-su/",
    "/nhan-su/?q=nguyen+van+a",
]:
    for _ in range(2):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        print(
            url,
            response.status_code,
            f"{time.perf_counter() - started:.2f} s",
            len(queries.captured_queries),
            "queries",
            len(response.content) // 1024,
            "KB",
        )
