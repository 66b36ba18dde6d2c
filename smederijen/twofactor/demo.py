"""The demo's authenticator: one public key for the demo accounts that need two-factor login.

Public on purpose, like the demo password: the `demo` command refuses to run with DEBUG
off, so this key never guards a real account. Add it to any authenticator app (README),
or ask `python manage.py demo_code` for the current code.
"""

from base64 import b32encode
from binascii import unhexlify

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from smederijen.models import User
from smederijen.twofactor.services import TOTP_DEVICE_NAME

DEMO_TOTP_KEY = "536d6564657269a56e2d64656d6f2d746f7470a1"


def demo_totp_secret() -> str:
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    totp = TOTP(unhexlify(DEMO_TOTP_KEY), step=30, t0=0, digits=6)
    return f"{totp.token():06d}"


def demo_two_factor_ensure(user: User) -> None:
    """Give `user` the demo's authenticator, confirmed; an account that has one keeps it.

    No recovery codes: nothing would show them, and `demo_code` always gives a code.
    """
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
        )
