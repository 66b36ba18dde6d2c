"""The settings read the environment, and production values pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "p9#V2k!x7Lq@4mZr8Tn$6Wb&1Yc^3Hd*5Jf(0Gs)Ua+Ke=Ro-Ip_Eo;Aw:Sx",
    "ALLOWED_HOSTS": "smederijen.hoogeveen.nl",
    "DATABASE_URL": "sqlite:////tmp/smederijen-deploy-check.sqlite3",
}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "ALLOWED_HOSTS"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(expression: str, **env: str) -> str:
    result = run_python(
        f"import django; django.setup(); from django.conf import settings; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_is_clean_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import django; django.setup()", DEBUG="0", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_chooses_postgresql_and_defaults_to_sqlite():
    assert "sqlite3" in setting("settings.DATABASES['default']['ENGINE']", DEBUG="1")
    assert "postgresql" in setting(
        "settings.DATABASES['default']['ENGINE']",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/smederijen",
    )


def test_celery_runs_eagerly_without_a_broker_and_queues_with_one():
    assert setting("settings.CELERY_TASK_ALWAYS_EAGER", DEBUG="1") == "True"
    assert (
        setting(
            "settings.CELERY_TASK_ALWAYS_EAGER",
            DEBUG="1",
            CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        )
        == "False"
    )


def test_interface_is_dutch_first_and_english_second():
    assert setting("settings.LANGUAGE_CODE", DEBUG="1") == "nl"
    assert setting("[code for code, name in settings.LANGUAGES]", DEBUG="1") == "['nl', 'en']"


@pytest.mark.parametrize(
    "name", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
)
def test_production_cookies_and_redirects_are_secure(name):
    assert setting(f"settings.{name}", **PRODUCTION) == "True"
