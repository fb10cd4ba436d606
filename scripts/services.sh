#!/usr/bin/env bash
# Makes sure what the tests need outside Node is present on this machine. Nothing yet: later steps
# (Redis, NATS, Chromium) add themselves here so `scripts/test.sh` stays the single entry point.
set -euo pipefail
