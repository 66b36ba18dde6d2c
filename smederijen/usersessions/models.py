from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    """Django's database session with the logged-in user's id in a column of its own.

    Django's table keeps the user only inside the encoded data, so ending the sessions of
    one user would mean decoding every row. With the id beside it, it is one indexed
    DELETE (Django docs, "Extending database-backed session engines"). A plain integer,
    not a foreign key: a session written while its user is being deleted must not fail.
    """

    user_id = models.BigIntegerField(_("user id"), null=True, db_index=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from smederijen.usersessions.backend import SessionStore

        return SessionStore
