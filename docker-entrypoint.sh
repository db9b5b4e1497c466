#!/bin/sh
# The image's `make run`: migrate, load the demo once from its saved extractions
# (demo/snapshot.jsonl.gz: stored, not re-extracted), serve, and print how long that took.
# DATELINE_DEMO=0 starts an empty site; any other command runs instead (`docker run … dateline status`).
set -e
if [ "$#" -gt 0 ]; then
    exec "$@"
fi
started=$(date +%s)
loaded="${DATELINE_DEMO_MARKER:-/data/.demo-loaded}"
dateline db upgrade
if [ "${DATELINE_DEMO:-1}" != 0 ] && [ ! -e "$loaded" ]; then
    dateline ingest demo --source "The White House" --processes 2 --quiet --snapshot demo/snapshot.jsonl.gz
    touch "$loaded"
fi
exec dateline serve --host 0.0.0.0 --port "${PORT:-8000}" --started-at "$started"
