"""Build the load test's national-scale data set in the database DATABASE_URL names, the way
`manage.py benchmark_risk` builds it (demo.benchmark): organisations, the demo
accounts, about 6,000 posts with holders, people and slates topped up to about 40,000
nominations, oversight segments and HISTORY_DAYS nights of risk history. Then write the ids the
load's users visit to the JSON file given as the first argument.

Run by run_load.sh against a fresh database; never against a live service (it wipes demo data)."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import OutputWrapper  # noqa: E402
from django.utils import timezone  # noqa: E402

from demo import benchmark  # noqa: E402
from demo.accounts import DEMO_ACCOUNTS, demo_accounts_ensure  # noqa: E402
from demo.constants import DEFAULT_SEED  # noqa: E402
from orgs.models import Organisation  # noqa: E402
from risk import scoring  # noqa: E402
from succession.models import Post, PostRole  # noqa: E402

HR_DIRECTOR_TRUST = next(a.organisation for a in DEMO_ACCOUNTS if a.username == "hr.director")


def main(ids_path: Path) -> None:
    started = time.monotonic()
    history_days = int(os.environ.get("LOAD_HISTORY_DAYS", "365"))
    call_command("load_organisations")
    demo_accounts_ensure()
    benchmark.build(
        scale=benchmark.NATIONAL_SCALE,
        seed=DEFAULT_SEED,
        today=timezone.localdate(),
        history_days=history_days,
        stdout=OutputWrapper(sys.stdout),  # a line for each message, as a command writes
    )
    open_posts = Post.objects.open()
    ids = {
        "national_posts": list(open_posts.order_by("pk").values_list("pk", flat=True)),
        "hr_posts": list(
            open_posts.filter(organisation__ods_code=HR_DIRECTOR_TRUST)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "regions": sorted(
            set(
                Organisation.objects.exclude(region__isnull=True).values_list(
                    "region__code", flat=True
                )
            )
        ),
        "roles": list(PostRole.values),
        "factors": list(scoring.FACTOR_KEYS),
    }
    assert ids["hr_posts"], f"no open posts in {HR_DIRECTOR_TRUST}: the demo data did not load"
    ids_path.write_text(json.dumps(ids))
    print(
        f"Built {len(ids['national_posts']):,} open posts ({len(ids['hr_posts'])} in "
        f"{HR_DIRECTOR_TRUST}), {history_days} nights of history, in "
        f"{time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
