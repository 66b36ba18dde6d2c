"""Two-factor login and the idle logout are on wherever the real settings run."""

from tests.test_settings import setting


def test_production_and_development_settings_require_two_factor_and_end_idle_sessions():
    for debug in ("0", "1"):
        env = {"DEBUG": debug, "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}
        assert setting("settings.OTP_REQUIRED", **env) == "True"
        assert setting("settings.SESSION_IDLE_LOGOUT", **env) == "True"
        assert setting("settings.SESSION_ENGINE", **env) == "smederijen.usersessions.backend"


def test_the_middleware_order_puts_the_second_factor_after_authentication():
    middleware = setting("'|'.join(settings.MIDDLEWARE)", DEBUG="1").split("|")
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    otp = middleware.index("django_otp.middleware.OTPMiddleware")
    required = middleware.index("smederijen.twofactor.middleware.TwoFactorRequiredMiddleware")
    assert auth < otp < required
