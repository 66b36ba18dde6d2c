"""A deactivated or deleted user ends all the user's sessions.

Django already refuses a session of an inactive user on its next request; deleting the
rows makes the end immediate and certain, also for sessions that never come back.
`QuerySet.update(is_active=False)` skips signals: deactivate through `save()`.

A new password needs nothing here: every session keeps a hash of the password it logged
in with (`get_session_auth_hash`), and Django ends a session whose hash no longer fits
on its next request; the page that changed the password keeps its own session with
`update_session_auth_hash` (the password change page and the admin's do). A receiver on
`pre_save` would cost a query on every save of a user to find out.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from smederijen.usersessions.services import sessions_end_for


@receiver(post_init, sender=settings.AUTH_USER_MODEL)
def _remember_active(sender, instance, **kwargs):
    # From __dict__: a user loaded with `only()` must not load the field here, row by row.
    instance._usersessions_was_active = instance.__dict__.get("is_active", True)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _deactivated(sender, instance, created, **kwargs):
    was_active = getattr(instance, "_usersessions_was_active", True)
    if not created and was_active and not instance.is_active:
        sessions_end_for(user_id=instance.pk)
    instance._usersessions_was_active = instance.is_active


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def _deleted(sender, instance, **kwargs):
    sessions_end_for(user_id=instance.pk)
