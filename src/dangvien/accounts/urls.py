from django.urls import path

from dangvien.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc/dang-ky/", views.otp_enrol, name="otp_enrol"),
    path("xac-thuc/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("tai-khoan/ma-du-phong/", views.recovery_codes_new, name="recovery_codes_new"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
    path("tai-khoan/ma-api/<int:token_id>/thu-hoi/", views.token_revoke, name="token_revoke"),
]

NAV = [("Bảo mật tài khoản", "accounts:security", "security", 90)]
