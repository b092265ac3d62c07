"""URL map: each app's pages under its Vietnamese prefix, the API under /api/v1.

Apps are included when they have a `urls` module, so a new app only needs its
own urls.py (with `app_name`) to appear.
"""

from importlib.util import find_spec

from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from dangvien.config.api import api

# (URL prefix, app): order matters only for identical prefixes.
PAGE_APPS = [
    ("", "orgs"),
    ("", "accounts"),
    ("nhan-su/", "people"),
    ("phat-trien/", "pipeline"),
    ("dao-tao/", "training"),
    ("chi-tieu/", "plans"),
    ("bao-cao/", "reports"),
    ("nhap-du-lieu/", "imports"),
    ("nhat-ky/", "audit"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path(prefix, include(f"dangvien.{app}.urls"))
    for prefix, app in PAGE_APPS
    if find_spec(f"dangvien.{app}.urls") is not None
]
urlpatterns += [
    path("ngon-ngu/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]

handler400 = "dangvien.core.views.bad_request"
handler403 = "dangvien.core.views.forbidden"
handler404 = "dangvien.core.views.not_found"
handler500 = "dangvien.core.views.server_error"
