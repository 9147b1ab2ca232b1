"""Peer check with the PyPI `rets` library: login, metadata, paged search past
MAXROWS, photos. Prints one PASS/FAIL line per check.
Usage: python py-peer.py LOGIN_URL EXPECTED_RESIDENTIAL_COUNT
"""
import sys
import traceback

from rets import Session

login_url, expected = sys.argv[1], int(sys.argv[2])


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'} python {name}{'' if ok else ': ' + str(detail)}", flush=True)


try:
    s = Session(login_url, "demo", "demo", version="RETS/1.7.2")
    s.login()
    check("login", "Search" in s.capabilities, s.capabilities)
    classes = s.get_class_metadata("Property")
    names = [c["ClassName"] for c in classes]
    check("metadata classes", "Residential" in names and "Land" in names, names)
    table = s.get_table_metadata("Property", "Residential")
    check("metadata table", len(table) >= 95, len(table))
    rows = s.search("Property", "Residential", dmql_query="(LIST_PRICE=1+)", optional_parameters={"Select": "LISTING_KEY,CITY"})
    keys = {r["LISTING_KEY"] for r in rows}
    check("search paged past MAXROWS", len(keys) == expected, f"{len(keys)} unique of {len(rows)} rows, expected {expected}")
    first = sorted(keys)[0]
    objs = s.get_object("Property", "Photo", first, object_ids="*")
    jpegs = [o for o in objs if o.get("content", b"")[:2] == b"\xff\xd8"]
    check("photos", len(jpegs) > 0 and len(jpegs) == len(objs), f"{len(jpegs)}/{len(objs)}")
    s.logout()
    check("logout", True)
except Exception:  # report any library failure as a failed check
    check("session", False, traceback.format_exc())
