#!/usr/bin/env python3
"""Bulk-loads N service requests into a Civic database that already holds bodies and
services (from `civic demo`), spread over the last two years, and writes the wrk Lua
tables the requests benchmark uses. Usage: requests_load.py DB_URL N OUT_DIR"""
import json, os, subprocess, sys, time

url, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
started = time.time()

SQLITE = """
CREATE TEMP TABLE svc AS SELECT ROW_NUMBER() OVER (ORDER BY s.id) - 1 AS k, s.id, s.body_id, s.name
  FROM services s WHERE s.accepts_requests AND s.request_type = 'realtime';
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {n})
INSERT INTO requests (body_id, service_id, service_name, status, description, lat, long, address,
  postcode, attributes, channel, visibility, confirmed, requested_at, updated_at)
SELECT svc.body_id, svc.id, svc.name,
  CASE n % 5 WHEN 0 THEN 'fixed' WHEN 1 THEN 'in_progress' ELSE 'received' END,
  'Bench request ' || n, 52.0 + (n % 1000) / 10000.0, -1.0 + (n % 997) / 10000.0,
  n || ' High Street', 'ZZ1 1AA', '[]',
  CASE n % 4 WHEN 0 THEN 'phone' WHEN 1 THEN 'api' ELSE 'web' END, 'public', 1,
  strftime('%Y-%m-%dT%H:%M:%S', 'now', '-' || (n * 63 % 63072000) || ' seconds') || '.000000Z',
  strftime('%Y-%m-%dT%H:%M:%S', 'now', '-' || (n * 63 % 63072000) || ' seconds') || '.000000Z'
FROM seq JOIN svc ON svc.k = n % (SELECT COUNT(*) FROM svc);
ANALYZE;
"""

POSTGRES = """
CREATE TEMP TABLE svc AS SELECT (ROW_NUMBER() OVER (ORDER BY s.id)) - 1 AS k, s.id, s.body_id, s.name
  FROM services s WHERE s.accepts_requests AND s.request_type = 'realtime';
INSERT INTO requests (body_id, service_id, service_name, status, description, lat, long, address,
  postcode, attributes, channel, visibility, confirmed, requested_at, updated_at)
SELECT svc.body_id, svc.id, svc.name,
  CASE n % 5 WHEN 0 THEN 'fixed' WHEN 1 THEN 'in_progress' ELSE 'received' END,
  'Bench request ' || n, 52.0 + (n % 1000) / 10000.0, -1.0 + (n % 997) / 10000.0,
  n || ' High Street', 'ZZ1 1AA', '[]',
  CASE n % 4 WHEN 0 THEN 'phone' WHEN 1 THEN 'api' ELSE 'web' END, 'public', TRUE,
  date_trunc('second', now()) - make_interval(secs => (n::bigint * 63) % 63072000),
  date_trunc('second', now()) - make_interval(secs => (n::bigint * 63) % 63072000)
FROM generate_series(1, {n}) AS n JOIN svc ON svc.k = n % (SELECT COUNT(*) FROM svc);
ANALYZE;
"""

SERVICES = """SELECT ROW_NUMBER() OVER (ORDER BY s.id) - 1, b.slug, s.slug, s.id, s.attributes
  FROM services s JOIN bodies b ON b.id = s.body_id
  WHERE s.accepts_requests AND s.request_type = 'realtime' ORDER BY s.id"""

if url.startswith("sqlite://"):
    import sqlite3
    db = sqlite3.connect(url[len("sqlite://"):])
    offset = db.execute("SELECT COALESCE(MAX(id), 0) FROM requests").fetchone()[0]
    db.executescript(SQLITE.format(n=n))
    db.commit()
    services = db.execute(SERVICES).fetchall()
else:
    def psql(sql):
        return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtF", "\t", "-c", sql],
                              check=True, capture_output=True, text=True).stdout
    offset = int(psql("SELECT COALESCE(MAX(id), 0) FROM requests").strip())
    psql(POSTGRES.format(n=n))
    services = [line.split("\t") for line in psql(SERVICES).strip().splitlines()]

print(f"  loaded {n:,} requests in {time.time() - started:.0f} s")

# Every service's first required list answer, so POSTs pass validation.
rows = []
for k, body, slug, sid, attributes in services:
    answers = []
    for a in json.loads(attributes):
        if a.get("required") and a.get("values"):
            answers.append(f"attribute[{a['code']}]={a['values'][0]['key']}")
        elif a.get("required"):
            answers.append(f"attribute[{a['code']}]=bench")
    rows.append('{{"{}", "{}", {}, "{}"}}'.format(body, slug, sid, "&".join(answers)))
with open(os.path.join(out, "services.lua"), "w") as f:
    f.write("services = {\n  " + ",\n  ".join(rows) + "\n}\n")
    f.write(f"first_id = {offset + 1}\nrequest_count = {n}\n")
