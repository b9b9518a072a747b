"""What a demo load produced."""

from __future__ import annotations

from dataclasses import dataclass

# --- What a load produced --------------------------------------------------------------------


@dataclass
class DemoSummary:
    """What one load created (organisations that already had posts are skipped and not counted)."""

    organisations: int = 0
    skipped_organisations: int = 0
    boards: int = 0
    posts: int = 0
    top_200_posts: int = 0
    executive_posts: int = 0
    vacant_executive_posts: int = 0
    interim_executive_posts: int = 0
    people: int = 0
    pool_members: int = 0
    pool_members_visible: int = 0
    incumbencies: int = 0
    nominations: int = 0
    active_nominations: int = 0
    cross_organisation_nominations: int = 0
    sign_offs: int = 0
    career_entries: int = 0
    seconds: float = 0.0

    @property
    def vacant_or_interim_share(self) -> float:
        if not self.executive_posts:
            return 0.0
        vacant_or_interim = self.vacant_executive_posts + self.interim_executive_posts
        return vacant_or_interim / self.executive_posts

    def lines(self) -> list[str]:
        return [
            f"Organisations: {self.organisations} loaded, {self.skipped_organisations} skipped "
            "(they already had posts)",
            f"Boards: {self.boards}",
            f"Posts: {self.posts} ({self.top_200_posts} top-200)",
            f"Executive posts vacant or interim: {self.vacant_executive_posts} vacant, "
            f"{self.interim_executive_posts} interim or acting, of {self.executive_posts} "
            f"({self.vacant_or_interim_share:.1%})",
            f"People: {self.people} ({self.pool_members} in the national talent pool, "
            f"{self.pool_members_visible} visible to other organisations)",
            f"Holders past and present: {self.incumbencies}",
            f"Nominations: {self.nominations} ({self.active_nominations} on slates now, "
            f"{self.cross_organisation_nominations} across organisations)",
            f"Sign-offs: {self.sign_offs}; career history entries: {self.career_entries}",
            f"Took {self.seconds:.1f} s",
        ]
