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


def test_uploads_go_to_the_filesystem_by_default():
    backend = setting("settings.STORAGES['default']['BACKEND']", **PRODUCTION)
    assert backend == "django.core.files.storage.FileSystemStorage"


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named():
    s3 = {
        **PRODUCTION,
        "AWS_STORAGE_BUCKET_NAME": "smederijen-uploads",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.nl",
        "AWS_S3_REGION_NAME": "nl-ams",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    # The storage is built and asked for a signed link: no request leaves the machine.
    out = setting(
        "(lambda s: (type(s).__name__, s.bucket_name, s.default_acl, "
        "s.url('a/bon.pdf').split('?')[0]))"
        "(__import__('django.core.files.storage', fromlist=['x']).storages['default'])",
        **s3,
    )
    assert out == (
        "('S3Storage', 'smederijen-uploads', 'private', "
        "'https://objects.example.nl/smederijen-uploads/media/a/bon.pdf')"
    )


def test_the_web_process_refuses_to_start_without_collectstatic_and_says_what_to_run(tmp_path):
    result = run_python("import config.wsgi", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode != 0
    assert "voer `python manage.py collectstatic --no-input` uit" in result.stderr
    assert "run `python manage.py collectstatic --no-input`" in result.stderr


def test_the_web_process_starts_after_collectstatic(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": "x"}')
    result = run_python("import config.wsgi; print('up')", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("up")
