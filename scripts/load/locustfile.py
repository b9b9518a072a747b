"""The load: national talent team members and HR directors signed in, each reading the risk
dashboard (plain and filtered), post pages, plan pages and a post's risk breakdown, with a
person's pause between pages. Run by run_load.sh, which builds the data and starts gunicorn.

LOAD_IDS_FILE names the JSON that build_data.py wrote: the open posts' ids, the HR director's
trust's posts, regions, roles and risk factors. Every request is named by its page group, so the
statistics are per group ("dashboard", "dashboard filtered", "post", "plan", "post risk"), not
per URL.

A page counts as failed unless it answers 200 with the page itself: a user whose session was lost
(sent back to the sign-in page) or who may not see the page (403) fails every request."""

import json
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-password-2026")  # demo/data/accounts.yaml
IDS = json.loads(open(os.environ["LOAD_IDS_FILE"]).read())  # noqa: SIM115
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'href="(/static/[^"]+\.css)"')
BANDS = ["high", "medium", "low"]
SORTS = ["post", "organisation", "region", "role", "score", "assessed"]


class SignedInUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""
    posts: list[int] = []

    def on_start(self):
        page = self.client.get("/accounts/sign-in/", name="sign in")
        token = CSRF_INPUT.search(page.text)
        assert token, "no CSRF token on the sign-in page"
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Referer": f"{self.host}/accounts/sign-in/"},
            name="sign in",
            catch_response=True,
        ) as response:
            # A signed-in user lands on a page that offers to sign out; the form again means no.
            if "sign-out" not in response.text:
                response.failure(f"{self.username} could not sign in")
        stylesheet = STYLESHEET.search(page.text)
        if stylesheet:  # whitenoise serves it, as a browser would ask for it once
            self.client.get(stylesheet.group(1), name="static")

    def post_id(self) -> int:
        return random.choice(self.posts)

    def page(self, url: str, name: str, params=None) -> None:
        with self.client.get(url, params=params, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from {response.url}")
            elif "/accounts/sign-in/" in response.url:
                response.failure(f"sent to sign in: {self.username}'s session was lost")

    @task(3)
    def dashboard(self):
        self.page("/risk/", "dashboard")

    @task(2)
    def post_page(self):
        self.page(f"/posts/{self.post_id()}/", "post")

    @task(1)
    def post_risk(self):
        self.page(f"/risk/posts/{self.post_id()}/", "post risk")


class NationalTalentTeam(SignedInUser):
    """The national team sees every organisation: the dashboard's filters matter most here. It
    reads a plan on the post's page (the plan page itself is its HR director's, 403 to others)."""

    weight = 3
    username = "talent.team"
    posts = IDS["national_posts"]

    @task(3)
    def dashboard_filtered(self):
        params = {
            "band": random.choice(BANDS),
            "sort": random.choice(SORTS),
            "order": random.choice(["asc", "desc"]),
            "page": random.randint(1, 3),
        }
        if random.random() < 0.5:
            params["region"] = random.choice(IDS["regions"])
        if random.random() < 0.5:
            params["role"] = random.choice(IDS["roles"])
        if random.random() < 0.5:
            params["factor"] = random.choice(IDS["factors"])
        self.page("/risk/", "dashboard filtered", params)


class HrDirector(SignedInUser):
    """An HR director sees their own trust's posts and plans."""

    weight = 2
    username = "hr.director"
    posts = IDS["hr_posts"]

    @task(2)
    def plan_page(self):
        self.page(f"/posts/{self.post_id()}/plan/", "plan")

    @task(1)
    def dashboard_filtered(self):
        params = {"band": random.choice(BANDS), "sort": random.choice(SORTS)}
        self.page("/risk/", "dashboard filtered", params)
