"""Name search for the member list: which people a typed name matches, in list order.

A name matches when its search key (diacritics folded, đ as d) contains the
search key of the text, anywhere: "dun" finds Dũng and Dung, "nguyen van a"
finds Nguyễn Văn An and Nguyễn Văn Anh. Results come in Vietnamese name order
(`sort_key`, then id) with keyset pagination; every caller passes people
already limited to the user's scope and the list's other filters.

Two ways to find them, the same rows either way:

- **Within the people** (SQLite, and PostgreSQL within a small part of the
  tree such as a commune): filter the people in scope by name. PostgreSQL may
  use its trigram index, SQLite its FTS5 table (migration 0003).
- **Through the distinct names** (PostgreSQL over a large part of the tree):
  a common fragment matches hundreds of thousands of people nationally, and
  reading them either walks the name-order index past every earlier name
  ("dun" waits behind every An, Anh, Bình...) or sorts every match. People
  share names, so walk `SearchName` (a few hundred thousand distinct names,
  migration 0005) in name order instead, a batch of matching names at a time,
  and read only the people with those exact sort keys: PostgreSQL reads them
  in order from the (sort_key, id) index and stops at the page size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex

from dangvien.accounts.scope import Scope
from dangvien.orgs.paths import spans_under
from dangvien.people.models import Person

# A part of the tree with at most this many units (a commune has 20-100) is
# searched within its people: reading them all is a few milliseconds, while
# most of the names walked nationally would have no bearer there.
SMALL_SCOPE_UNITS = 300
# Names read per round: the first round usually fills a page nationally; later
# rounds grow so that a search in one province, where most names have no
# bearer, needs few rounds, and stay bounded to keep each query's plan cheap.
NAME_BATCH_FIRST = 128
NAME_BATCH_MAX = 8192

# Names read in order before falling back on collecting and sorting the matches.
WALK_WINDOW = 16384

Cursor = tuple[str, int]


# The walk: the first WALK_WINDOW names from a sort key on, and the first `count`
# of them that match (array slice), how many match, the last key walked, how many.
_WALK = (
    "SELECT (array_agg(sort_key ORDER BY sort_key) FILTER (WHERE name_key LIKE %s))[1:%s],"
    " count(*) FILTER (WHERE name_key LIKE %s), max(sort_key), count(*)"
    " FROM (SELECT sort_key, name_key FROM people_searchname WHERE sort_key {op} %s"
    " ORDER BY sort_key LIMIT %s) AS walked"
)
_WALK_FROM = _WALK.replace("{op}", ">=")
_WALK_AFTER = _WALK.replace("{op}", ">")
# The collection: MATERIALIZED so that PostgreSQL finds every match first (the
# trigram index) and then sorts them, whatever it guesses about where they lie.
# `>=`: the window may end inside one sort key (two spellings).
_COLLECT = (
    "WITH found AS MATERIALIZED (SELECT sort_key FROM people_searchname"
    " WHERE name_key LIKE %s AND sort_key >= %s)"
    " SELECT sort_key FROM found ORDER BY sort_key LIMIT %s"
)


@dataclass(frozen=True)
class NameBatch:
    """Sort keys of matching names, in order, and whether more may follow them."""

    keys: list[str]
    more: bool


def after_cursor(people: QuerySet[Person], cursor: Cursor | None) -> QuerySet[Person]:
    """Return the people that come after the cursor's (sort key, id) in list order."""
    if cursor is None:
        return people
    key, pk = cursor
    # The redundant `sort_key >= key` gives PostgreSQL an index range to start
    # from; the OR alone made it scan from the first row (47 s at 4.8M rows deep).
    return people.filter(sort_key__gte=key).filter(Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=pk))


def in_list_order(people: QuerySet[Person]) -> QuerySet[Person]:
    """Return the people in Vietnamese name order, ties by id."""
    return people.order_by("sort_key", "pk")


def walks_names(scope: Scope, org_path: str) -> bool:
    """Return whether to search through the distinct names (PostgreSQL, more than a commune).

    `org_path` narrows the scope to one unit's subtree when the list is filtered by unit.
    """
    if connection.vendor != "postgresql":
        return False
    spans = spans_under([org_path], scope.day) if org_path else scope.spans()
    # LIMIT, not a count of the tree: reads at most SMALL_SCOPE_UNITS + 1 index entries.
    return spans.values("pk")[: SMALL_SCOPE_UNITS + 1].count() > SMALL_SCOPE_UNITS


def containing(people: QuerySet[Person], key: str) -> QuerySet[Person]:
    """Return the people whose name contains `key` (a search key), by their own rows."""
    people = people.filter(name_key__contains=key)
    # PostgreSQL serves the LIKE above from a trigram index by itself; SQLite
    # narrows it with its FTS5 trigram table (migration 0003, 3+ characters).
    if connection.vendor == "sqlite" and len(key) >= 3:
        phrase = '"' + key.replace('"', '""') + '"'
        people = people.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM people_person_fts WHERE people_person_fts MATCH %s",
                (phrase,),
            )
        )
    return people


def _name_batches() -> Iterator[int]:
    size = NAME_BATCH_FIRST
    while True:
        yield size
        size = min(size * 8, NAME_BATCH_MAX)


def _names_matching(pattern: str, after: str, *, inclusive: bool, count: int) -> NameBatch:
    """Return up to `count` sort keys of names LIKE `pattern` after `after`, in order.

    The names are in sort-key order, given name first, so the matches of a
    fragment of a given name sit together, possibly late ("vinh": after 97% of
    the names); those of a family or middle name are spread everywhere. The
    first case wants all the matches from the trigram index, then a sort; the
    second a walk of the names in order, which stops as soon as `count` are
    found. So walk a window of names first (a few milliseconds), and only if it
    holds too few, collect the matches after it and sort them.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _WALK_FROM if inclusive else _WALK_AFTER,
            [pattern, count, pattern, after, WALK_WINDOW],
        )
        keys, matched, last, walked = cursor.fetchone()
        keys = list(keys or [])
        if matched >= count or walked < WALK_WINDOW:
            return NameBatch(keys, more=matched > count or walked == WALK_WINDOW)
        cursor.execute(_COLLECT, [pattern, last, count - len(keys)])
        rest = [row[0] for row in cursor.fetchall()]
    walked_keys = set(keys)
    keys += [key for key in rest if key not in walked_keys]
    return NameBatch(keys, more=len(rest) == count - len(walked_keys))


def named_through_names(
    people: QuerySet[Person], key: str, *, cursor: Cursor | None, count: int
) -> list[Person]:
    """Return the first `count` people after `cursor` whose name contains `key`, in list order.

    Reads matching distinct names in sort-key order, a batch at a time, and the
    people bearing them; every person of a batch's names is considered before
    the next batch, so the rows are exactly those of `containing`, in order.
    """
    pattern = f"%{connection.ops.prep_for_like_query(key)}%"
    # strpos, not LIKE: the same test, but one the trigram index cannot serve, so
    # that PostgreSQL reads the few sort keys from the (sort_key, id) index in order.
    named = after_cursor(people, cursor).alias(found_at=StrIndex("name_key", Value(key)))
    matching = in_list_order(named.filter(found_at__gt=0))
    found: list[Person] = []
    # The cursor's own name may have more bearers after it, hence >= on the first round.
    # Every sort key is >= "": the first round without a cursor starts at the first name.
    after, inclusive = (cursor[0], True) if cursor else ("", True)
    for size in _name_batches():
        batch = _names_matching(pattern, after, inclusive=inclusive, count=size)
        if batch.keys:
            # A sort key can carry two spellings (H'Hen and Hhen); both match through
            # strpos above, so a batch that ends between them loses nobody.
            found += matching.filter(sort_key__in=batch.keys)[: count - len(found)]
        if len(found) >= count or not batch.more:
            break
        after, inclusive = batch.keys[-1], False
    return found
