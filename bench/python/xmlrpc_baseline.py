#!/usr/bin/env python3
"""Baseline for the odoo-extract benchmark: what the current Python tap does.

One xmlrpc.client.ServerProxy, authenticate once, then search_read with offset and limit
(explicit order 'id asc') until a short page. Standard library only. Prints one JSON line:
{"records": N, "calls": N, "seconds": S, "cpu": S} (cpu: this process's CPU time).

usage: xmlrpc_baseline.py URL DB USER PASSWORD PAGE_SIZE FIELD[,FIELD...]
"""
import json
import sys
import time
import xmlrpc.client


def main() -> int:
    url, db, user, password, page_size, fields = sys.argv[1:7]
    page_size = int(page_size)
    fields = fields.split(",")
    domain = ["|", ["active", "=", True], ["active", "=", False]]
    started = time.perf_counter()
    common = xmlrpc.client.ServerProxy(f"{url.rstrip('/')}/xmlrpc/2/common")
    uid = common.authenticate(db, user, password, {})
    models = xmlrpc.client.ServerProxy(f"{url.rstrip('/')}/xmlrpc/2/object")
    offset, records, calls = 0, 0, 1
    while True:
        page = models.execute_kw(db, uid, password, "product.product", "search_read", [domain],
                                 {"fields": fields, "offset": offset, "limit": page_size, "order": "id asc"})
        calls += 1
        records += len(page)
        offset += len(page)
        if len(page) < page_size:
            break
    print(json.dumps({"records": records, "calls": calls, "seconds": time.perf_counter() - started, "cpu": time.process_time()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
