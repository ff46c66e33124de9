"""The item rules of an audit over many items, on all cores: shares of the draft (ranges of item ids, or
lists of codes) to a pool of processes, their findings stored share by share by the auditing process
(the order they are stored in is no matter: they are read back in catalogue order).

Each pool process opens the database itself and reads the items it is given from what was last
committed: the audit's own transaction has not changed an item (the caller makes sure of that), so
every process sees the items the auditing process sees. The processes are spawned, never forked: an
open SQLite connection must not be carried into a child.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .messages import language
from .model import Item
from .pool import context, cores, few_collections, started
from .reference import Reference
from .rules import REGISTRY, Context, Rule
from .rules.registry import filled
from .store import Store

POOL_MIN_ITEMS = 20_000  # fewer items are audited in the auditing process: starting a pool costs more
CHUNK = 5_000  # items per task
AHEAD = 4  # tasks in flight per process: enough to keep them busy, few enough that memory stays flat

StoredRow = tuple  # (catalog_id, code, rule, severity, field, entry, message, suggestion, as_of, seq)
Share = tuple[tuple[int, int] | None, list[str] | None]  # a range of item ids, or a list of codes


def first_places() -> dict[str, int]:
    """Each rule's first place among an item's stored findings: its place in the registry (the order of
    RULES.md), a million apart, so that a rule's own findings of the item follow one another."""
    return {rid: n * 1_000_000 for n, rid in enumerate(REGISTRY)}


def item_rows(
    items: Iterable[Item], chosen: list[tuple[Rule, str]], ctx: Context, catalog_id: int, day: str
) -> Iterator[StoredRow]:
    """The findings of the item rules chosen (rule, severity) on items, as the findings table stores
    them: an item's findings in rule order, each with its place among its item's (see audit.placed)."""
    places, lang = first_places(), language(ctx.lang)
    # what Rule.stored makes of each rule's hits, looked up once, not once a finding
    plan = [(r.check, r, r.id, severity, r.field, *r.texts[lang], places[r.id]) for r, severity in chosen]
    for item in items:
        code = item.code
        for check, rule, rid, severity, field, template, suggestion, seq in plan:
            for hit in check(item, ctx, rule):
                yield (
                    catalog_id,
                    code,
                    rid,
                    severity,
                    hit.field or field,
                    hit.entry,
                    filled(template, hit),
                    suggestion,
                    day,
                    seq,
                )
                seq += 1


def share_rows(
    store: Store,
    catalog_id: int,
    ids: tuple[int, int] | None,
    codes: list[str] | None,
    chosen: list[tuple[Rule, str]],
    ctx: Context,
    day: str,
) -> Iterator[StoredRow]:
    """The findings of a share of the draft: the items of a range of ids, or those of a list of codes."""
    items = store.iter_items(catalog_id, codes, ids=ids, cells=False)
    return item_rows(items, chosen, ctx, catalog_id, day)


def pooled(items: int) -> bool:
    return items >= POOL_MIN_ITEMS and cores() > 1


# --- in a pool process ---------------------------------------------------------------------------

_job: dict = {}


def _start(parent: int, path: str, catalog_id: int, ref: Reference, as_of: dt.date, lang: str, chosen, day) -> None:
    started(parent)
    _job.update(
        store=Store(path, create=False, read=True),
        catalog_id=catalog_id,
        ctx=Context(reference=ref, as_of=as_of, lang=lang),
        chosen=[(REGISTRY[rid], severity) for rid, severity in chosen],
        day=day,
    )


def _audit(ids: tuple[int, int] | None, codes: list[str] | None) -> bytes:
    """The share's stored rows, marshalled: tuples of text and numbers, which marshal writes and reads back
    quicker than pickle (both processes run the same Python, whose marshal format they share)."""
    j = _job
    return marshal.dumps(list(share_rows(j["store"], j["catalog_id"], ids, codes, j["chosen"], j["ctx"], j["day"])))


# --- in the auditing process ---------------------------------------------------------------------


def pooled_rows(
    store: Store,
    catalog_id: int,
    ref: Reference,
    ctx: Context,
    chosen: list[tuple[Rule, str]],
    day: str,
    shares: list[Share],
) -> Iterator[Iterable[StoredRow]]:
    """The findings of each share (a range of ids, or a list of codes), share by share as they are ready
    (not in the shares' order). The pool has a process less than there are cores: this process audits a
    share itself whenever the pool's next is not ready, beside storing every share's findings. Each pool
    process has AHEAD shares waiting, so that it never waits while this one is busy; once every share is
    sent, this process takes back the last one the pool has not started rather than wait."""
    n = max(1, cores() - 1)  # this process is busy too: it audits shares and stores every share's rows
    args = (os.getpid(), str(store.path), catalog_id, ref, ctx.as_of, ctx.lang, [(r.id, s) for r, s in chosen], day)
    with (
        few_collections(),
        ProcessPoolExecutor(n, mp_context=context(database=True), initializer=_start, initargs=args) as pool,
    ):
        pending: deque[tuple[Future, Share]] = deque()
        rest = iter(shares)

        def send() -> None:
            while len(pending) < AHEAD * n:
                share = next(rest, None)
                if share is None:
                    return
                pending.append((pool.submit(_audit, *share), share))

        def taken_back() -> Share | None:
            if pending and pending[-1][0].cancel():  # not started by the pool yet
                return pending.pop()[1]
            return None

        send()
        try:
            while pending:
                if pending[0][0].done():
                    yield marshal.loads(pending.popleft()[0].result())
                    send()
                    continue
                share = next(rest, None) or taken_back()
                if share is None:
                    yield marshal.loads(pending.popleft()[0].result())
                else:
                    yield share_rows(store, catalog_id, *share, chosen, ctx, day)
        except BaseException:  # the audit failed, or was stopped: the shares not started are not run
            for future, _ in pending:
                future.cancel()
            raise
