import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """What a user does in the service. Which organisation they do it for is a Membership."""

    NATIONAL_TALENT_TEAM = "national_talent_team", "National talent team"
    HR_DIRECTOR = "hr_director", "HR director"
    CHAIR = "chair", "Chair"
    PLEDGE_LEAD = "pledge_lead", "Pledge lead"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Their roles come from their memberships."""

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None):
        """The service's own permissions (django-rules: who may edit which organisation's plans)
        hold for administrators too: a superuser is not the chair of every trust. Django's model
        permissions, which the admin site uses, keep their usual meaning."""
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class Membership(models.Model):
    """A user acting in one role for one organisation (an HR director of a trust, say)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_per_role"
            )
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"
