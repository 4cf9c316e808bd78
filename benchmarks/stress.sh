#!/usr/bin/env bash
# Issue 12, section 3, long run: ConcurrencyStressIT with 64 threads for 30 s (the build runs it with 16 threads
# for 3 s). Run from the project root or from benchmarks/. Prints the "vpce stress:" summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-64}"
SECONDS_TO_RUN="${2:-30}"
mvn -B -q -pl core -am verify -Dtest=NoSuch -Dit.test=ConcurrencyStressIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dvpce.stress.threads="$THREADS" -Dvpce.stress.seconds="$SECONDS_TO_RUN" 2>&1 | grep -a 'vpce stress:' || {
  echo "stress run failed: see core/target/failsafe-reports/dev.vpce.ConcurrencyStressIT.txt" >&2
  exit 1
}
