"""Records that are written once and then kept as they are: a request's history, the account
history and the security log. Saving an existing row, deleting one, and bulk updates and deletes
are refused with the model's own Dutch message (`APPEND_ONLY`); deleting a parent still cascades
at database level, and a retention job that must remove rows calls QuerySet's own methods.
"""

from django.db import models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(self.model.APPEND_ONLY)

    def delete(self):
        raise AppendOnlyError(self.model.APPEND_ONLY)


class AppendOnlyModel(models.Model):
    APPEND_ONLY = "Dit gegeven kan niet worden gewijzigd of verwijderd."

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(self.APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(self.APPEND_ONLY)
