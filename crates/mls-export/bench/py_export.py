"""Python baseline for bench/run.sh: the same synthetic rows as
examples/bench_export.rs (same hash, same formatting), written with XlsxWriter
in constant_memory mode (typed cells like the Rust sink) or with the csv module.

Usage: py_export.py <xlsx|csv|none> <rows> <output path>
"""
import csv
import sys
import time
from datetime import date, datetime

CITIES = ["Austin", "Dallas", "Houston", "San Antonio", "El Paso", "Plano", "Frisco", "Waco"]
TYPES = ["Residential", "Condo", "Land", "Commercial"]
STATUS = ["Active", "Pending", "Closed"]
WORDS = ["Charming", "home", "with", "updated", "kitchen", "near", "park", "and", "schools",
         "large", "backyard", "garage"]
NAMES = ["ListingKey", "ListingId", "ListPrice", "OriginalListPrice", "BedroomsTotal",
         "BathroomsFull", "BathroomsTotal", "LotSizeAcres", "Latitude", "Longitude",
         "ListingContractDate", "CloseDate", "ModificationTimestamp", "PhotosChangeTimestamp",
         "PoolPrivateYN", "WaterfrontYN", "City", "StateOrProvince", "PostalCode", "StreetName",
         "StreetNumber", "PropertyType", "StandardStatus", "ListAgentFullName", "ListOfficeName",
         "YearBuilt", "LivingArea", "TaxAnnualAmount", "AssociationFee", "PublicRemarks"]
KINDS = "TTIIIIDDDDaaddBBTTTTTTTTTIIDDT"  # T text, I int, D decimal, a date, d datetime, B bool


def h(n, c):
    return ((n * 2654435761) ^ (c * 40503 + (n >> 3))) % 4294967291


def row(n):
    v = [h(n, c) for c in range(30)]
    out = [
        f"L{n:08d}", f"{v[1] % 1000000:07d}", str(50000 + v[2] % 2000000),
        str(50000 + v[3] % 2000000), str(1 + v[4] % 6), str(1 + v[5] % 4),
        f"{1 + v[6] % 4}.{5 if v[6] % 2 == 0 else 0}", f"{v[7] % 20}.{v[7] % 100:02d}",
        f"30.{v[8] % 1000000:06d}", f"-97.{v[9] % 1000000:06d}",
        f"20{10 + v[10] % 15:02d}-{1 + v[10] % 12:02d}-{1 + v[10] % 28:02d}",
        f"20{10 + v[11] % 15:02d}-{1 + v[11] % 12:02d}-{1 + v[11] % 28:02d}",
    ]
    for c in (12, 13):
        x = v[c]
        out.append(f"20{10 + x % 15:02d}-{1 + x % 12:02d}-{1 + x % 28:02d}"
                   f"T{x % 24:02d}:{x % 60:02d}:{(x // 60) % 60:02d}")
    out += [
        "1" if v[14] % 2 == 0 else "0", "Y" if v[15] % 3 == 0 else "N", CITIES[v[16] % 8], "TX",
        f"{v[18] % 100000:05d}", f"{WORDS[v[19] % 12]} Street", str(1 + v[20] % 9999),
        TYPES[v[21] % 4], STATUS[v[22] % 3], f"Agent {v[23] % 5000}", f"Office {v[24] % 500}",
        str(1900 + v[25] % 124), str(500 + v[26] % 6000), f"{v[27] % 20000}.{v[27] % 100:02d}",
        f"{v[28] % 900}.{v[28] % 100:02d}",
        " ".join(WORDS[h(n, 29 + i) % 12] for i in range(10 + v[29] % 20)),
    ]
    return out


def write_xlsx(rows, path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Listings")
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    dt_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws.freeze_panes(1, 0)
    for c, name in enumerate(NAMES):
        ws.set_column(c, c, len(name) + 4)
        ws.write_string(0, c, name, bold)
    for n in range(rows):
        r = n + 1
        for c, (kind, value) in enumerate(zip(KINDS, row(n))):
            if kind in "ID":
                ws.write_number(r, c, float(value))
            elif kind == "a":
                ws.write_datetime(r, c, date.fromisoformat(value), date_fmt)
            elif kind == "d":
                ws.write_datetime(r, c, datetime.fromisoformat(value), dt_fmt)
            elif kind == "B":
                ws.write_boolean(r, c, value in ("1", "Y", "y", "true"))
            else:
                ws.write_string(r, c, value)
    ws.autofilter(0, 0, rows, len(NAMES) - 1)
    wb.close()


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(NAMES)
        for n in range(rows):
            w.writerow(row(n))


def main():
    fmt, rows, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    start = time.perf_counter()
    if fmt == "xlsx":
        write_xlsx(rows, path)
    elif fmt == "csv":
        write_csv(rows, path)
    else:
        size = sum(sum(len(s) for s in row(n)) for n in range(rows))
        print(f"generated {rows} rows ({size} bytes)", end=" ")
    print(f"{fmt}: {rows} rows in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
