"""Benchmark: look-up as you type over 100,000 registrations.

Run: .venv/bin/python benchmarks/bench_lookup.py [--n 100000] [--workshops 1]
Builds a SQLite file with ``n`` registrations (bulk insert), then times what the desk runs
for every keystroke (``desk_queries.search_people``: the matches and whether each has
arrived or was turned away) of typical searches: name prefixes and infixes, phone first
and last digits, a phone number typed with dashes, company name, 統一編號. Prints a
markdown table of the per-keystroke latency (median and p95, milliseconds). Budget: under
20 ms per keystroke.

With ``--workshops 1`` (the default) all registrations are in the searched workshop: the
worst case. A real desk's workshop has about 50; pass ``--workshops 2000`` to see that.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from checkin.core.names import digits_only, normalise_company, normalise_person, normalise_text
from checkin.db.engine import sqlite_url
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.store import Store
from checkin.services.catalogue import brochure, install_default_profile, install_workshops
from checkin.services.desk_queries import search_people

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁"
GIVEN = "怡君雅婷志豪家瑋建宏淑芬美玲俊傑宗翰佳蓉詩涵冠廷柏宇承恩惠雯明哲筱涵珮瑜韋廷子晴"
FIRMS = ["精密", "塑膠", "紡織", "綠能", "機械", "電子", "鋼鐵", "食品", "化學", "模具", "包裝",
         "汽車零件", "光電", "環保科技", "精機", "半導體", "生技", "材料"]
PLACES = ["台灣", "臺中", "三豐", "永光", "中興", "大甲", "潭子", "中部", "豐原", "東海", "精英",
          "嘉禾", "南屯", "旭昇", "烏日", "大肚山", "觀音", "新竹", "高雄", "宏達"]


def tax_id(rng: random.Random) -> str:
    weights = (1, 2, 1, 2, 1, 2, 4, 1)
    while True:
        digits = f"{rng.randrange(100_000_000):08d}"
        total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, weights, strict=True))
        if total % 5 == 0:
            return digits


def build(path: Path, n: int, workshops: int) -> None:
    rng = random.Random(100_000)
    data = copy.deepcopy(brochure())
    store = Store.open(sqlite_url(path), desk_name="bench")
    try:
        with store.sessions.begin() as session:
            install_workshops(session, data)
            session.flush()
            install_default_profile(session)
            template = session.get(WorkshopRow, 1)
            assert template is not None
            for extra in range(11, workshops + 1):  # more sessions of the same course
                session.add(WorkshopRow(
                    id=extra, code=f"X{extra:06d}", number=extra, course=template.course,
                    title=template.title, organiser=template.organiser, day=template.day,
                    venue=template.venue, address=template.address,
                    checkin_opens=template.checkin_opens, starts=template.starts,
                    ends=template.ends, capacity=50, company_cap=2, status="scheduled"))
            session.flush()
            companies = [(f"{rng.choice(PLACES)}{rng.choice(FIRMS)}"
                          f"{rng.choice(['股份有限公司', '有限公司', '工業股份有限公司'])}",
                          tax_id(rng) if rng.random() < 0.8 else None)
                         for _ in range(max(10, n // 3))]
            rows = []
            for i in range(n):
                name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
                firm, tid = rng.choice(companies)
                phone = f"09{rng.randrange(100_000_000):08d}"
                rows.append({
                    "workshop_id": 1 if workshops == 1 else [1, *range(11, workshops + 1)][
                        i % max(1, workshops - 9)],
                    "name": name, "name_key": normalise_person(name), "company": firm,
                    "company_key": f"tax:{tid}" if tid else f"name:{normalise_company(firm)}",
                    "tax_id": tid, "email": None, "phone": phone,
                    "phone_digits": digits_only(phone), "status": "registered",
                    "token_hash": hashlib.sha256(f"bench-{i}".encode()).hexdigest(),
                    "token": None})
            # The searched person, with known phone, company and tax ID.
            rows.append({"workshop_id": 1, "name": "陳怡君", "name_key": "陳怡君",
                         "company": "三豐精密工業股份有限公司", "company_key": "tax:16480894",
                         "tax_id": "16480894", "email": None, "phone": "0912-345-678",
                         "phone_digits": "0912345678", "status": "registered",
                         "token_hash": hashlib.sha256(b"bench-target").hexdigest(),
                         "token": None})
            if hasattr(RegistrationRow, "company_name_key"):  # once the search fix is in
                for row in rows:
                    row["company_name_key"] = normalise_text(str(row["company"]))
            for start in range(0, len(rows), 5_000):
                session.execute(insert(RegistrationRow), rows[start:start + 5_000])
    finally:
        store.close()


SEARCHES = {
    "name prefix": "陳怡君",
    "name infix (given name)": "怡君",
    "phone last digits": "5678",
    "phone first digits": "0912",
    "phone with dashes": "0912-345-678",
    "company name": "三豐精密",
    "統一編號": "16480894",
}


def keystrokes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workshops", type=int, default=1,
                        help="spread registrations over this many workshops (>= 10 adds more)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lookup.sqlite3"
        started = time.perf_counter()
        build(path, args.n, args.workshops)
        built_s = time.perf_counter() - started
        store = Store.open(sqlite_url(path), desk_name="bench")
        search_people(store, 1, "陳")  # warm-up
        results: dict[str, list[float]] = {}
        hits: dict[str, int] = {}
        for label, text in SEARCHES.items():
            timings = results.setdefault(label, [])
            for _ in range(args.repeat):
                for typed in keystrokes(text):
                    start = time.perf_counter()
                    found = search_people(store, 1, typed)
                    timings.append((time.perf_counter() - start) * 1000)
                    hits[label] = len(found)
        store.close()
    every = [t for values in results.values() for t in values]
    print(f"Look-up benchmark: {args.n:,} registrations in {args.workshops} workshop(s) "
          f"(built in {built_s:.1f} s), {args.repeat} runs of every keystroke\n")
    print("| search (typed one key at a time) | keystrokes | median ms | p95 ms | max ms |"
          " results at the end |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, values in [("all keystrokes", every), *results.items()]:
        shown = "" if label == "all keystrokes" else str(hits[label])
        print(f"| {label} ({SEARCHES.get(label, '')}) | {len(values)} | "
              f"{statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | "
              f"{max(values):.1f} | {shown} |".replace(" ()", ""))


if __name__ == "__main__":
    main()
