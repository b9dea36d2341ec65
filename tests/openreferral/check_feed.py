#!/usr/bin/env python3
"""Open Referral UK conformance of Civic's feeds, checked with the profile's own documents.

1. schemathesis (PyPI) runs the UK profile's `openapi.json` against the hub's feed
   (`/openreferral`) and one body's (`/bodies/BODY/openreferral`): no server errors, and
   documented status codes, content types and response schemas. The profile documents only
   `200`; the copy run here adds the `400` and `404` every real feed answers (see
   profile/README.md).
2. Every service of the demo is fetched from `/services/{id}` and validated against the
   profile's `schema/compiled/service.json`; every listed service, service at a location,
   taxonomy and term against its schema too; each listed item is found again by its id.

Usage: check_feed.py --base URL --body SLUG --schemathesis PATH
"""

import argparse
import copy
import datetime
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.request

import jsonschema

PROFILE = pathlib.Path(__file__).resolve().parent / "profile"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
ERROR = {
    "description": "",
    "content": {
        "application/json": {
            "schema": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}
        }
    },
}

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}")


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.headers.get("Access-Control-Allow-Origin") != "*":
            fail(f"{url}: no Access-Control-Allow-Origin: *")
        return json.load(response)


def profile_with_errors(folder):
    """The profile's document with 400 and 404 documented, written beside its schemas."""
    shutil.copytree(PROFILE / "schema", folder / "schema")
    doc = json.loads((PROFILE / "openapi.json").read_text())
    for path in doc["paths"].values():
        for method, operation in path.items():
            if method == "parameters":
                continue
            for status, why in (("400", "A malformed parameter."), ("404", "No such resource or publisher.")):
                error = copy.deepcopy(ERROR)
                error["description"] = why
                operation["responses"].setdefault(status, error)
    for parameter in doc["components"]["parameters"].values():
        if parameter.get("schema", {}).get("type") == "time":
            parameter["schema"] = {"type": "string"}
    (folder / "openapi.json").write_text(json.dumps(doc, indent=1))
    return folder / "openapi.json"


def run_schemathesis(schemathesis, document, url, label):
    result = subprocess.run(
        [schemathesis, "run", str(document), "--url", url, "--seed", "2026", "--max-examples", "25",
         "--phases", "examples,coverage,fuzzing", "--workers", "1", "--checks", CHECKS, "--no-color"],
        capture_output=True, text=True)
    summary = [line.strip() for line in result.stdout.splitlines() if " generated" in line]
    if result.returncode != 0:
        print(result.stdout[-20000:])
        print(result.stderr[-5000:])
        fail(f"schemathesis against {label}")
    else:
        print(f"schemathesis ({label}): {summary[-1] if summary else 'passed'}")


def checker():
    formats = jsonschema.FormatChecker()

    @formats.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return "T" in value

    @formats.checks("uri", raises=ValueError)
    def uri(value):
        return not isinstance(value, str) or value.split(":", 1)[0] in ("http", "https") and "://" in value

    return formats


def inline_refs(node, folder):
    """The schema with its references to sibling files replaced by their contents."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".json") and not ref.startswith("#"):
            return inline_refs(json.loads((folder / ref).read_text()), folder)
        return {key: inline_refs(value, folder) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(value, folder) for value in node]
    return node


def validator(name, formats):
    path = PROFILE / "schema" / name
    schema = inline_refs(json.loads(path.read_text()), path.parent)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, format_checker=formats)


def valid(what, instance, schema):
    errors = sorted(schema.iter_errors(instance), key=lambda e: list(e.path))
    for error in errors[:5]:
        fail(f"{what}: {'/'.join(map(str, error.path))}: {error.message}")
    return not errors


def every(base, resource):
    page, items = 1, []
    while True:
        listed = get(f"{base}/{resource}?per_page=1000&page={page}")
        items.extend(listed["contents"])
        if listed["last_page"] or not listed["contents"]:
            if len(items) != listed["total_items"]:
                fail(f"{base}/{resource}: {len(items)} listed, total_items says {listed['total_items']}")
            return items
        page += 1


def check_documents(stub):
    formats = checker()
    schemas = {name: validator(name, formats) for name in (
        "compiled/service.json", "compiled/service_list.json", "compiled/service_at_location_list.json",
        "taxonomy.json", "taxonomy_term.json")}
    counts = {}
    services = every(stub, "services")
    for listed in services:
        valid(f"listed service {listed['id']}", listed, schemas["compiled/service_list.json"])
        full = get(f"{stub}/services/{listed['id']}")
        if valid(f"service {listed['id']}", full, schemas["compiled/service.json"]) and full["id"] != listed["id"]:
            fail(f"service {listed['id']} came back as {full['id']}")
    counts["services"] = len(services)
    located = every(stub, "service_at_locations")
    for at in located:
        valid(f"listed service at location {at['id']}", at, schemas["compiled/service_at_location_list.json"])
        one = get(f"{stub}/service_at_locations/{at['id']}")
        # The profile describes this resource with the service schema.
        valid(f"service at location {at['id']}", one, schemas["compiled/service.json"])
    counts["services at locations"] = len(located)
    taxonomies = every(stub, "taxonomies")
    for taxonomy in taxonomies:
        valid(f"taxonomy {taxonomy['id']}", get(f"{stub}/taxonomies/{taxonomy['id']}"), schemas["taxonomy.json"])
    terms = every(stub, "taxonomy_terms")
    for term in terms:
        valid(f"listed term {term['id']}", term, schemas["taxonomy_term.json"])
        valid(f"term {term['id']}", get(f"{stub}/taxonomy_terms/{term['id']}"), schemas["taxonomy_term.json"])
        narrowed = get(f"{stub}/services?taxonomy_term_id={term['id']}&per_page=1")
        # A scale lists all its levels; a code is listed only while a service carries it.
        if term["taxonomy"] == "Standard service codes" and narrowed["total_items"] == 0:
            fail(f"term {term['id']} ({term['name']}) is listed but no service carries it")
        carried = sum(1 for s in services if any(
            a["taxonomy_term_id"] == term["id"] for a in get(f"{stub}/services/{s['id']}")["attributes"]
        )) if len(services) <= 100 else narrowed["total_items"]
        if carried != narrowed["total_items"]:
            fail(f"term {term['id']}: {carried} services carry it, the filter finds {narrowed['total_items']}")
    counts["taxonomies"], counts["terms"] = len(taxonomies), len(terms)
    print(f"schemas ({stub}): " + ", ".join(f"{n} {what}" for what, n in counts.items()) + " valid")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--schemathesis", required=True)
    args = parser.parse_args()
    hub, body = f"{args.base}/openreferral", f"{args.base}/bodies/{args.body}/openreferral"
    meta = get(hub)
    if meta.get("version") != "3.0":
        fail(f"{hub}: version {meta.get('version')!r}, not 3.0")
    with tempfile.TemporaryDirectory() as folder:
        document = profile_with_errors(pathlib.Path(folder))
        run_schemathesis(args.schemathesis, document, hub, "the hub's feed")
        run_schemathesis(args.schemathesis, document, body, f"{args.body}'s feed")
    check_documents(body)
    check_documents(hub)
    if failures:
        print(f"Open Referral UK: {len(failures)} failures")
        sys.exit(1)
    print("Open Referral UK: every check passed")


if __name__ == "__main__":
    main()
