"""Downloads every Residential record with PyPI rets (it pages by itself).
Usage: python download.py LOGIN_URL QUERY SELECT   (prints the row count)"""
import sys

from rets import Session

login_url, query, select = sys.argv[1:4]
s = Session(login_url, "demo", "demo", version="RETS/1.7.2")
s.login()
rows = s.search("Property", "Residential", dmql_query=query, optional_parameters={"Select": select})
print(f"PyPI rets rows: {len(rows)}", file=sys.stderr)
s.logout()
