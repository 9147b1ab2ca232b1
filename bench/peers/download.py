"""Downloads every Residential record with PyPI rets (it pages by itself) and
writes them as NDJSON to stdout: the same job as `rets-portal search --format
ndjson`. Usage: python download.py LOGIN_URL QUERY SELECT"""
import json
import sys

from rets import Session

login_url, query, select = sys.argv[1:4]
s = Session(login_url, "demo", "demo", version="RETS/1.7.2")
s.login()
rows = s.search("Property", "Residential", dmql_query=query, optional_parameters={"Select": select})
out = sys.stdout
for row in rows:
    out.write(json.dumps(row, ensure_ascii=False))
    out.write("\n")
out.flush()
print(f"PyPI rets rows: {len(rows)}", file=sys.stderr)
s.logout()
