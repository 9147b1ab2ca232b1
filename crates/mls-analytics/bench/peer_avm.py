"""Peer for the valuation benchmark: LightGBM on exactly the inputs our model
used (the fields `rets-portal analytics evaluate` did not exclude), log close
price target, 5-fold cross-validation, the same metrics.

Usage: peer_avm.py EXPORT.csv EVALUATE.json
"""
import json
import sys
import time

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

csv, ev = sys.argv[1], json.load(open(sys.argv[2]))
df = pd.read_csv(csv, low_memory=False)
df = df[pd.to_numeric(df.CLOSE_PRICE, errors="coerce") > 0].copy()
sale = pd.to_datetime(df.CLOSE_DATE, errors="coerce")
df["sale_time"] = (sale - pd.Timestamp("2000-01-01")).dt.days / 30.44
df["sale_month"] = sale.dt.month
excluded = {e["field"] for e in ev["excluded"]}
keep = [c for c in df.columns if c not in excluded and c != "CLOSE_PRICE"]
X = df[keep].copy()
for c in X.columns:
    if not pd.api.types.is_numeric_dtype(X[c]):
        as_date = pd.to_datetime(X[c], errors="coerce", format="%Y-%m-%d")
        if as_date.notna().mean() > 0.5:
            X[c] = (sale - as_date).dt.days / 365.25
        else:
            X[c] = X[c].astype(str).astype("category")
price = df.CLOSE_PRICE.astype(float).values
y = np.log(price)
params = dict(objective="regression", learning_rate=0.03, num_leaves=31, min_data_in_leaf=20,
              feature_fraction=0.7, bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0,
              cat_smooth=10, verbose=-1, num_threads=2)
t0 = time.perf_counter()
pred = np.zeros(len(y))
resid = np.zeros(len(y))
for tr, te in KFold(5, shuffle=True, random_state=0).split(X):
    m = lgb.train(params, lgb.Dataset(X.iloc[tr], y[tr]), num_boost_round=1500)
    pred[te] = m.predict(X.iloc[te])
secs = time.perf_counter() - t0
est = np.exp(pred)
ape = np.abs(est - price) / price
r = y - pred
lo, hi = np.quantile(r, 0.1), np.quantile(r, 0.9)
cov = np.mean((r >= lo) & (r <= hi))
print(json.dumps({"engine": f"lightgbm {lgb.__version__}", "n": int(len(y)), "inputs": len(keep) + 2,
                  "mape": float(ape.mean()), "median_ape": float(np.median(ape)),
                  "mae": float(np.abs(est - price).mean()), "within10": float(np.mean(ape <= 0.10)),
                  "coverage80_in_sample_quantiles": float(cov), "seconds_5_fits": round(secs, 1)}))
