"""Simulated users for `bench.bench_load`: signed-in officers opening the busiest pages.

Run by bench/bench_load.py in a process of its own (locust, headless). The plan
file named by DANGVIEN_LOAD_PLAN holds one persona per user: a signed-in session
(made by bench_load with the same session store the server uses) and the pages
that user opens, with their weights. A response counts as a failure unless it
is a 200: a redirect to the sign-in page is a failure, not a fast page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
from typing import Any

from locust import FastHttpUser, between, constant, task

with open(os.environ["DANGVIEN_LOAD_PLAN"], encoding="utf-8") as handle:
    PLAN: dict[str, Any] = json.load(handle)

# Each simulated user takes the next persona: its session and its own pages.
_PERSONAS = itertools.cycle(PLAN["users"])
_LOCK = threading.Lock()


def _wait() -> Any:
    low, high = PLAN.get("wait", [0.0, 0.0])
    return constant(0) if high <= 0 else between(low, high)


class Officer(FastHttpUser):
    """One signed-in user moving between their pages at the plan's weights."""

    wait_time = _wait()

    def on_start(self) -> None:
        with _LOCK:
            persona = next(_PERSONAS)
        self.cookie = f"{PLAN['cookie_name']}={persona['session']}"
        self.pages = [page for page in persona["pages"] if page["paths"]]
        self.weights = [page["weight"] for page in self.pages]
        # Seeded per user: the same run asks for the same pages in the same order.
        self.random = random.Random(PLAN.get("seed", 1) + id(self) % 1000)

    @task
    def open_page(self) -> None:
        page = self.random.choices(self.pages, weights=self.weights)[0]
        path = self.random.choice(page["paths"])
        with self.client.get(
            path,
            name=page["name"],
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
