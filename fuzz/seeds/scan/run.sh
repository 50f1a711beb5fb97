#!/usr/bin/env bash
# Build the image and start the service on this host.
set -euo pipefail

cd "$(dirname "$0")"

docker build -t seed-app .
docker run -d -p 5000:5000 seed-app

echo "seed-app is listening on http://localhost:5000"
