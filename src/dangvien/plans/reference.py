"""Keep the quota categories table in line with `plans.domain.categories` (run by migrations)."""

from __future__ import annotations

from typing import Any

from dangvien.plans.domain.categories import QUOTA_CATEGORIES


def categories_sync(model: Any) -> int:
    """Create or update every seeded category; categories users added are left alone."""
    for category in QUOTA_CATEGORIES:
        model.objects.update_or_create(
            code=category.code,
            defaults={
                "name": category.name,
                "order": category.order,
                "measure": category.measure.value,
            },
        )
    return len(QUOTA_CATEGORIES)
