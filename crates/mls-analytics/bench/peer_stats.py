"""Peer for the statistics benchmark: the same monthly statistics by city as
`rets-portal analytics stats --by city --period month`, computed with pandas
and with DuckDB over the same SQLite replica table.

Usage: peer_stats.py REPLICA.db TABLE FROM_DAY TO_DAY
Prints one line per engine: load seconds (SQLite -> memory), query seconds, rows.
"""
import sqlite3
import sys
import time

import duckdb
import numpy as np
import pandas as pd

db, table, start, end = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

t0 = time.perf_counter()
con = sqlite3.connect(db)
df = pd.read_sql_query(
    f'SELECT CITY, LIST_DATE, CONTRACT_DATE, CLOSE_DATE, OFF_MARKET_DATE, LIST_PRICE, '
    f'ORIG_LIST_PRICE, CLOSE_PRICE, LIVING_AREA, DAYS_ON_MARKET FROM "{table}"',
    con,
)
for c in ["LIST_DATE", "CONTRACT_DATE", "CLOSE_DATE", "OFF_MARKET_DATE"]:
    df[c] = pd.to_datetime(df[c], errors="coerce")
for c in ["LIST_PRICE", "ORIG_LIST_PRICE", "CLOSE_PRICE", "LIVING_AREA", "DAYS_ON_MARKET"]:
    df[c] = pd.to_numeric(df[c], errors="coerce")
load = time.perf_counter() - t0
lo, hi = pd.Timestamp(start), pd.Timestamp(end)


def pandas_stats(df):
    def month(col):
        return df[col].dt.to_period("M")

    rows = []
    new = df[(df.LIST_DATE >= lo) & (df.LIST_DATE <= hi)]
    closed = df[(df.CLOSE_DATE >= lo) & (df.CLOSE_DATE <= hi) & df.CLOSE_PRICE.notna()]
    g_new = new.groupby([new.CITY, new.LIST_DATE.dt.to_period("M")])
    g_closed = closed.assign(ppsf=closed.CLOSE_PRICE / closed.LIVING_AREA, ratio=closed.CLOSE_PRICE / closed.LIST_PRICE).groupby(
        [closed.CITY, closed.CLOSE_DATE.dt.to_period("M")]
    )
    pending = df[(df.CONTRACT_DATE >= lo) & (df.CONTRACT_DATE <= hi)].groupby(
        [df.CITY, df.CONTRACT_DATE.dt.to_period("M")]
    ).size()
    out = pd.DataFrame(
        {
            "new_listings": g_new.size(),
            "median_list_price": g_new.LIST_PRICE.median(),
            "mean_list_price": g_new.LIST_PRICE.mean(),
            "pending": pending,
            "closed_sales": g_closed.size(),
            "median_close_price": g_closed.CLOSE_PRICE.median(),
            "mean_close_price": g_closed.CLOSE_PRICE.mean(),
            "median_price_per_sqft": g_closed.ppsf.median(),
            "median_dom": g_closed.DAYS_ON_MARKET.median(),
            "list_to_sale_ratio": g_closed.ratio.mean(),
        }
    )
    # Active inventory at each month's end: listed by then, not yet off the market.
    gone = df[["CONTRACT_DATE", "CLOSE_DATE", "OFF_MARKET_DATE"]].min(axis=1)
    inv = {}
    for p in pd.period_range(lo, hi, freq="M"):
        e = p.end_time.normalize()
        mask = (df.LIST_DATE <= e) & (gone.isna() | (gone > e))
        for city, n in df.CITY[mask].value_counts().items():
            inv[(city, p)] = n
    out["active_inventory"] = pd.Series(inv)
    out["months_of_supply"] = out.active_inventory / out.closed_sales
    return out


t0 = time.perf_counter()
res = pandas_stats(df)
q = time.perf_counter() - t0
print(f"pandas {pd.__version__}: load {load:.2f} s, query {q:.3f} s, {len(res)} rows")

t0 = time.perf_counter()
duck = duckdb.connect()
duck.register("listings", df)
duck.execute("CREATE TABLE l AS SELECT * FROM listings")
dload = time.perf_counter() - t0
sql = f"""
WITH months AS (
  SELECT CAST(m AS DATE) AS month, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
  FROM range(DATE '{start}', DATE '{end}' + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
),
newl AS (
  SELECT CITY, date_trunc('month', LIST_DATE) AS month, count(*) AS new_listings,
         median(LIST_PRICE) AS median_list_price, avg(LIST_PRICE) AS mean_list_price
  FROM l WHERE LIST_DATE BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY ALL
),
pend AS (
  SELECT CITY, date_trunc('month', CONTRACT_DATE) AS month, count(*) AS pending
  FROM l WHERE CONTRACT_DATE BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY ALL
),
sold AS (
  SELECT CITY, date_trunc('month', CLOSE_DATE) AS month, count(*) AS closed_sales,
         median(CLOSE_PRICE) AS median_close_price, avg(CLOSE_PRICE) AS mean_close_price,
         median(CLOSE_PRICE / LIVING_AREA) AS median_price_per_sqft, median(DAYS_ON_MARKET) AS median_dom,
         avg(CLOSE_PRICE / LIST_PRICE) AS list_to_sale_ratio
  FROM l WHERE CLOSE_DATE BETWEEN DATE '{start}' AND DATE '{end}' AND CLOSE_PRICE IS NOT NULL GROUP BY ALL
),
inv AS (
  SELECT l.CITY, m.month, count(*) AS active_inventory
  FROM months m JOIN l ON l.LIST_DATE <= m.month_end
   AND coalesce(least(l.CONTRACT_DATE, l.CLOSE_DATE, l.OFF_MARKET_DATE), DATE '9999-12-31') > m.month_end
  GROUP BY ALL
)
SELECT * FROM newl FULL JOIN pend USING (CITY, month) FULL JOIN sold USING (CITY, month)
  FULL JOIN inv USING (CITY, month)
"""
t0 = time.perf_counter()
rows = duck.execute(sql).fetchall()
dq = time.perf_counter() - t0
print(f"duckdb {duckdb.__version__}: load {load + dload:.2f} s, query {dq:.3f} s, {len(rows)} rows")
