"""Standard Webhooks signing and the receivers' verification helper."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stat
import threading
from pathlib import Path

import pytest

from triage.notify.webhooks import (
    WebhookVerificationError,
    generate_secret,
    load_or_create_secret,
    sign,
    signed_headers,
    verify,
)

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
BODY = b'{"decision_id":"d-1"}'
NOW = 1_760_000_000


def test_sign_matches_standard_webhooks_reference() -> None:
    content = b"msg_1." + str(NOW).encode() + b"." + BODY
    expected = base64.b64encode(hmac.new(b"k" * 32, content, hashlib.sha256).digest()).decode()
    assert sign(SECRET, "msg_1", NOW, BODY) == "v1," + expected


def test_verify_accepts_fresh_signed_delivery() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW)
    assert verify(SECRET, headers, BODY, now=NOW + 10) == "msg_1"


def test_verify_accepts_any_header_case_and_rotated_signatures() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW)
    other = signed_headers(generate_secret(), "msg_1", BODY, timestamp=NOW)["webhook-signature"]
    upper = {
        "Webhook-Id": headers["webhook-id"],
        "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
        "Webhook-Signature": other + " " + headers["webhook-signature"],
    }
    assert verify(SECRET, upper, BODY, now=NOW) == "msg_1"


def test_verify_rejects_timestamp_older_than_five_minutes() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW)
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify(SECRET, headers, BODY, now=NOW + 301)


def test_verify_rejects_timestamp_from_the_future() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW + 400)
    with pytest.raises(WebhookVerificationError, match="future"):
        verify(SECRET, headers, BODY, now=NOW)


def test_verify_rejects_tampered_body() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW)
    with pytest.raises(WebhookVerificationError, match="signature"):
        verify(SECRET, headers, BODY.replace(b"d-1", b"d-2"), now=NOW)


def test_verify_rejects_wrong_secret_and_changed_id() -> None:
    headers = signed_headers(SECRET, "msg_1", BODY, timestamp=NOW)
    with pytest.raises(WebhookVerificationError):
        verify(generate_secret(), headers, BODY, now=NOW)
    with pytest.raises(WebhookVerificationError):
        verify(SECRET, {**headers, "webhook-id": "msg_2"}, BODY, now=NOW)


def test_verify_rejects_missing_headers() -> None:
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify(SECRET, {"webhook-id": "x"}, BODY, now=NOW)


def test_generate_secret_has_prefix_and_32_bytes() -> None:
    secret = generate_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32


def test_load_or_create_secret_creates_once_with_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "webhook_secret"
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(load_or_create_secret(path)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert results[0].startswith("whsec_")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(path) == results[0]
