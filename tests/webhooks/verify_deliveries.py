"""Checks every webhook delivery the integration test received with the Standard Webhooks
reference library (PyPI `standardwebhooks`), unchanged: its `Webhook.verify` parses the
headers, checks the timestamp and compares each signature in constant time.

The deliveries were received minutes before this runs, so the library's "now" is set to
when each arrived: a delivery must have been fresh when it was received, as a partner's
receiver would insist.

Usage: verify_deliveries.py DIRECTORY  (files written by the test under CIVIC_WEBHOOK_CAPTURE)
"""

import datetime as dt
import json
import pathlib
import sys
from unittest import mock

from standardwebhooks import webhooks

directory = pathlib.Path(sys.argv[1])
files = sorted(directory.glob("webhooks-*.json"))
if not files:
    sys.exit(f"FAILED: no deliveries were captured in {directory}")
checked = 0
for path in files:
    for delivery in json.loads(path.read_text()):
        received = dt.datetime.fromtimestamp(delivery["received_at"], tz=dt.timezone.utc)
        verified = False
        for secret in delivery["secrets"]:
            with mock.patch.object(webhooks, "datetime") as clock:
                clock.now.return_value = received
                clock.fromtimestamp = dt.datetime.fromtimestamp
                clock.timezone = dt.timezone
                try:
                    payload = webhooks.Webhook(secret).verify(delivery["body"], delivery["headers"])
                except webhooks.WebhookVerificationError:
                    continue
            verified = True
            assert payload["type"] in {"request.created", "request.updated"}, payload
            break
        if not verified:
            sys.exit(f"FAILED: {delivery['headers']['webhook-id']} in {path.name} does not verify")
        # One changed byte of body must not verify.
        tampered = delivery["body"].replace("northshire", "northshirf")
        with mock.patch.object(webhooks, "datetime") as clock:
            clock.now.return_value = received
            clock.fromtimestamp = dt.datetime.fromtimestamp
            clock.timezone = dt.timezone
            for secret in delivery["secrets"]:
                try:
                    webhooks.Webhook(secret).verify(tampered, delivery["headers"])
                    sys.exit("FAILED: a tampered body verified")
                except webhooks.WebhookVerificationError:
                    pass
        checked += 1
print(f"standardwebhooks verified {checked} deliveries from {len(files)} test runs")
