#!/usr/bin/env python3
"""Drive the GOV.UK Registers client openregister-client 0.4 (PyPI, unchanged)
against a running Civic, then check what it read with `civic verify`, the RSF
download and the Merkle proofs (RFC 9162), computed here from the client's entries.

    .venv/bin/python tests/registers/check_client.py --base http://127.0.0.1:PORT --civic target/debug/civic

Prints one "ok: ..." line per check; stops at the first failure with "FAIL: ..." and exit status 1.
"""
import argparse
import base64
import hashlib
import json
import signal
import subprocess
import sys

import requests
from openregister_client.fields import Field
from openregister_client.registers import OpenRegister, Register

# register -> (page size for records and entries, field to filter records on)
CHECKED = {"organisations": (2, "kind"), "services": (2, "organisation"), "addresses": (100, "town")}
EXPECTED_REGISTERS = {"addresses", "organisations", "services", "registers", "field", "datatype"}
HTTP_TIMEOUT = 60
passed = 0


class Failure(Exception):
    pass


def ok(message):
    global passed
    passed += 1
    print(f"ok: {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


# ---------------------------------------------------------------- hashing

def canonical(item):
    """An item's canonical JSON: keys sorted, no whitespace, UTF-8 (as add-item lines carry it)."""
    return json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def item_hash(item):
    return "sha-256:" + hashlib.sha256(canonical(item)).hexdigest()


def unhex(value):
    check(isinstance(value, str) and value.startswith("sha-256:"), f"not a sha-256:hex hash: {value!r}")
    return bytes.fromhex(value[len("sha-256:"):])


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def leaf_hash(entry):
    """RFC 6962 leaf hash of Civic's leaf bytes for an entry."""
    leaf = {"entry-number": entry["entry-number"], "entry-timestamp": entry["entry-timestamp"],
            "item-hash": entry["item-hash"][0], "key": entry["key"]}
    return hashlib.sha256(b"\x00" + json.dumps(leaf, sort_keys=True, separators=(",", ":")).encode()).digest()


def root_of(leaves):
    """RFC 9162 §2.1.1 Merkle tree hash."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)  # largest power of two below the size
    return node(root_of(leaves[:k]), root_of(leaves[k:]))


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, path):
    """RFC 9162 §2.1.4.2, for 0 < first < second."""
    if not path:
        return False
    if first & (first - 1) == 0:  # an exact power of two
        path = [first_root] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


def get_json(url):
    response = requests.get(url, timeout=HTTP_TIMEOUT)
    check(response.status_code == 200, f"GET {url} returned {response.status_code}: {response.text[:200]}")
    return response.json()


def spread(values, count):
    """Up to `count` values spread evenly over `values`, always with the first and the last."""
    if len(values) <= count:
        return list(values)
    step = (len(values) - 1) / (count - 1)
    return [values[round(i * step)] for i in range(count)]


# ---------------------------------------------------------------- the client

def check_discovery(root):
    check(root.discover_complete is True, "Register('register') did not discover the datatype and field registers")
    ok(f"field discovery: {len(root.field_registry)} fields from the field and datatype registers")
    names = {register.name for register in root.get_registers(page_size=2)}
    missing = sorted(EXPECTED_REGISTERS - names)
    check(not missing, f"the register register lists {sorted(names)}, missing {missing}")
    ok(f"the register register lists {', '.join(sorted(names))}")
    for name in ("organisations", "services"):
        fields = root.get_register(name).register_info.fields
        for field in fields:
            known = root.field_registry.get(field)
            check(known is not None, f"field {field!r} of {name} is not in the field register")
            check(known["field_cls"] is not Field, f"field {field!r} of {name} has a datatype the client does not know")
            check(known["cardinality"] in ("1", "n"), f"field {field!r} has cardinality {known['cardinality']!r}")
        ok(f"{name}: all {len(fields)} fields are in the field register with a known datatype")
    for field in ("keywords", "channels"):
        check(root.field_registry[field]["cardinality"] == "n", f"services' {field} does not have cardinality n")
    ok("services: keywords and channels have cardinality n")


def check_register(register, page_size, filter_field):
    name = register.name
    info = register.register_info
    check(info.register == name, f"{name}: register-record.register is {info.register!r}")
    check(info.fields, f"{name}: register-record.fields is empty")
    total_records, total_entries = info.total_records, info.total_entries
    ok(f"{name}: register info: {total_records} records, {total_entries} entries, fields {', '.join(info.fields)}")

    records = list(register.get_records(page_size=page_size))
    check(len(records) == total_records,
          f"{name}: got {len(records)} records paging by {page_size}, expected {total_records}")
    check(len({r.key for r in records}) == len(records), f"{name}: a key appears twice in the records")
    ok(f"{name}: {len(records)} records in pages of {page_size}")

    registry = getattr(register, "field_registry", None)  # None for a plain OpenRegister
    for record in records:
        item = record.item
        extra = sorted(set(item) - set(info.fields))
        check(not extra, f"{name}/{record.key}: fields {extra} are not the register's")
        for field in item:
            getattr(item, field.replace("-", "_"))  # the client's typed attribute (parses integers, URLs, ...)
            if registry is not None:
                cardinality = registry[field]["cardinality"]
                check(isinstance(item[field], list) == (cardinality == "n"),
                      f"{name}/{record.key}: {field} = {item[field]!r} does not fit cardinality {cardinality}")
    typed = " and fit their datatype and cardinality" if registry is not None else ""
    ok(f"{name}: every item's fields are the register's{typed}")

    entries = list(register.get_entries(page_size=page_size))
    check(len(entries) == total_entries,
          f"{name}: got {len(entries)} entries paging by {page_size}, expected {total_entries}")
    check([e.entry_number for e in entries] == list(range(1, total_entries + 1)),
          f"{name}: entry numbers are not 1..{total_entries}")
    check(all(len(e.item_hashes) == 1 for e in entries), f"{name}: an entry does not have exactly one item hash")
    ok(f"{name}: {len(entries)} entries in pages of {page_size}, numbered 1..{total_entries}")

    latest = {e.key: e for e in entries}
    check(set(latest) == {r.key for r in records}, f"{name}: the records' keys are not the entries' keys")
    for record in records:
        last = latest[record.key]
        check(record.entry_number == last.entry_number,
              f"{name}/{record.key}: the record is entry {record.entry_number}, its key's last is {last.entry_number}")
        check(item_hash(record.item) == last.item_hashes[0],
              f"{name}/{record.key}: the record's item does not hash to its latest entry's item hash")
    ok(f"{name}: every record is the latest entry for its key, with the item it hashes to")

    for entry in entries:
        wanted = entry.item_hashes[0]
        item = register.get_item(wanted)
        check(item is not None, f"{name}: get_item({wanted}) found nothing")
        check(item_hash(item) == wanted, f"{name}: item {wanted} hashes to {item_hash(item)}")
    ok(f"{name}: get_item for all {len(entries)} entries; each item hashes to its sha-256")

    some_records = spread(records, 20)
    for record in some_records:
        fetched = register.get_record(record.key)
        check(fetched == record, f"{name}: get_record({record.key!r}) differs from the records listing")
        check(item_hash(fetched.item) == latest[record.key].item_hashes[0],
              f"{name}: get_record({record.key!r}).item is not its latest entry's item")
        history = [e.entry_number for e in fetched.get_entries()]
        wanted = [e.entry_number for e in entries if e.key == record.key]
        check(history == wanted, f"{name}: history of {record.key!r} is entries {history}, the log has {wanted}")
    ok(f"{name}: get_record, .item and get_entries() history for {len(some_records)} records")

    some_entries = spread(entries, 10)
    for entry in some_entries:
        check(register.get_entry(entry.entry_number) == entry,
              f"{name}: get_entry({entry.entry_number}) differs from the entries listing")
    check(register.get_entry(total_entries + 1) is None, f"{name}: get_entry({total_entries + 1}) found an entry")
    check("nonexistent-key" not in register, f"{name}: 'nonexistent-key' in register is True")
    ok(f"{name}: get_entry for {len(some_entries)} entries; no entry {total_entries + 1}, no 'nonexistent-key'")

    value = records[0].item[filter_field]
    wanted = sorted(r.key for r in records if r.item.get(filter_field) == value)
    got = sorted(r.key for r in register.get_records(filters={filter_field: value}, page_size=page_size))
    check(got == wanted, f"{name}: records with {filter_field}={value!r}: got {len(got)} keys, expected {len(wanted)}")
    ok(f"{name}: get_records(filters={{{filter_field!r}: {value!r}}}) returns exactly its {len(got)} records")
    return entries


# ---------------------------------------------------------------- Civic's own checks

def check_integrity(name, entries, args):
    url = f"{args.base}/registers/{name}"
    run = subprocess.run([args.civic, "verify", url], capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, f"civic verify {url} exited {run.returncode}: {(run.stderr or run.stdout).strip()}")
    said = run.stdout.strip().splitlines()
    ok(f"civic verify {name}: {said[-1] if said else '(exit 0, nothing printed)'}")

    size = len(entries)
    rsf = requests.get(f"{url}/download-rsf/0/{size}", timeout=HTTP_TIMEOUT)
    check(rsf.status_code == 200, f"GET {url}/download-rsf/0/{size} returned {rsf.status_code}")
    lines = [line.split("\t") for line in rsf.text.splitlines() if line]
    appended = [tuple(p[2:]) for p in lines if p[0] == "append-entry" and p[1] == "user"]
    check(appended == [(e["key"], e["entry-timestamp"], e["item-hash"][0]) for e in entries],
          f"{name}: the RSF's user append-entry lines are not the client's {size} entries in order")
    leaves = [leaf_hash(e) for e in entries]
    root = root_of(leaves)
    check(lines[-1] == ["assert-root-hash", "sha-256:" + root.hex()],
          f"{name}: the RSF ends with {lines[-1]}, not the root of the client's entries")
    ok(f"{name}: download-rsf/0/{size} appends exactly the client's entries and asserts their root")

    proof = get_json(f"{url}/proof/register/merkle:sha-256")
    check(proof.get("total-entries") == str(size), f"{name}: proof/register has {proof.get('total-entries')!r} entries")
    check(unhex(proof.get("root-hash")) == root, f"{name}: proof/register gives root {proof.get('root-hash')}")
    head = get_json(f"{url}/proof/tree-head")
    check(head.get("tree_size") == size, f"{name}: tree head size {head.get('tree_size')}, expected {size}")
    check(base64.b64decode(head.get("sha256_root_hash", "")) == root,
          f"{name}: the signed tree head's root is not the root of the client's entries")
    ok(f"{name}: proof/register and the signed tree head give the root of the client's {size} entries")

    inclusions = consistencies = 0
    for tree in sorted({1, 2, (size + 1) // 2, size} & set(range(1, size + 1))):
        tree_root = root_of(leaves[:tree])
        for n in sorted({1, (tree + 1) // 2, tree}):
            where = f"{name}: proof/entries/{n}/{tree}"
            got = get_json(f"{url}/proof/entries/{n}/{tree}/merkle:sha-256")
            path = [unhex(h) for h in got.get("merkle-audit-path", [])]
            check(got.get("entry-number") == str(n), f"{where} is for entry {got.get('entry-number')!r}")
            check(verify_inclusion(n - 1, tree, leaves[n - 1], path, tree_root),
                  f"{where} does not prove entry {n} in the first {tree}")
            inclusions += 1
        for m in sorted({1, tree // 2, tree - 1} & set(range(1, tree))):
            got = get_json(f"{url}/proof/consistency/{m}/{tree}/merkle:sha-256")
            nodes = [unhex(h) for h in got.get("merkle-consistency-nodes", [])]
            check(verify_consistency(m, tree, root_of(leaves[:m]), tree_root, nodes),
                  f"{name}: proof/consistency/{m}/{tree} does not prove the first {m} entries within the first {tree}")
            consistencies += 1
    ok(f"{name}: {inclusions} inclusion and {consistencies} consistency proofs verify (RFC 9162)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="URL of the Civic deployment, e.g. http://127.0.0.1:8080")
    parser.add_argument("--civic", required=True, help="path to the civic binary (for civic verify)")
    parser.add_argument("--budget", type=int, default=600, help="seconds for the whole run (default 600)")
    args = parser.parse_args()
    args.base = args.base.rstrip("/")

    def out_of_time(*_):
        raise Failure(f"the run took longer than {args.budget} s")
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.budget)

    def url_of(name):
        return f"{args.base}/registers/{name}/"

    try:
        root = Register(name="register", url_template=url_of)
        check_discovery(root)
        for name, (page_size, filter_field) in CHECKED.items():
            if name == "addresses":  # the plain client, without field discovery
                register = OpenRegister(name, base_url=url_of(name))
            else:
                register = root.get_register(name)
            check(register is not None, f"the register register has no record for {name!r}")
            entries = check_register(register, page_size, filter_field)
            check_integrity(name, entries, args)
    except Failure as failure:
        print(f"FAIL: {failure}", flush=True)
    except Exception as error:  # the client raises ValueError, AttributeError, requests errors ...
        print(f"FAIL: {type(error).__name__}: {error}", flush=True)
    else:
        print(f"registers: {passed} passed, 0 failed")
        return 0
    print(f"registers: {passed} passed, 1 failed")
    return 1


if __name__ == "__main__":
    sys.exit(main())
