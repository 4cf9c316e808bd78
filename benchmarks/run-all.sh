#!/usr/bin/env bash
# Issue 12: every figure of benchmarks/RESULTS.md from one command. Builds once, then runs each section and tees
# its output to benchmarks/target/results/<section>.txt, each file starting with the machine it ran on (nproc,
# uptime, java -version, date, commit). Run from anywhere; everything stays on loopback.
#
#   benchmarks/run-all.sh                    # every section, about 20-25 minutes on 2 idle cores
#   benchmarks/run-all.sh matrix failover    # only these sections (names below), e.g. to re-run one
#
# Sections: resolve http jdbc (JMH, modest iteration counts), failover (FailoverHarness), matrix (FailoverMatrix,
# section 1), fleet (FleetHarness, section 2), stress (benchmarks/stress.sh, section 3), spring (SpringStartup),
# catalogue (FaultCatalogueTest, section 4). Extra arguments for the failover matrix: MATRIX_ARGS="fault=20s ...".
set -uo pipefail
cd "$(dirname "$0")/.."
ALL=(resolve http jdbc failover matrix fleet stress spring catalogue)
SECTIONS=("$@")
if [ ${#SECTIONS[@]} -eq 0 ]; then
  SECTIONS=("${ALL[@]}")
fi
for s in "${SECTIONS[@]}"; do
  [[ " ${ALL[*]} " == *" $s "* ]] || { echo "unknown section '$s'; sections are: ${ALL[*]}" >&2; exit 2; }
done
OUT=benchmarks/target/results
JAR=benchmarks/target/benchmarks.jar
JMH_ARGS=(-f 1 -wi 3 -i 5 -w 1s -r 1s)

machine() {
  echo "# $1"
  echo "command: benchmarks/run-all.sh $1    (runs: $2)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB"}')"
  echo "uptime: $(uptime)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo
}

declare -A STATUS
run() { # run <section> <command...>: tee output with the machine on top, uptime again at the end
  local name="$1"; shift
  local file="$OUT/$name.txt"
  echo "== $name: $*"
  { machine "$name" "$*"; } > "$file"
  "$@" 2>&1 | tee -a "$file"
  local rc=${PIPESTATUS[0]}
  echo "uptime at the end: $(uptime)" >> "$file"
  STATUS[$name]=$rc
  echo "== $name: exit $rc, $file"
}

stale_failsafe() { # a filtered -Dit.test run leaves a failsafe summary that the next verify would read as its own
  rm -rf ./*/target/failsafe-reports*
}

stress() { # section 3: the long stress run (its own mvn verify of core)
  stale_failsafe
  bash benchmarks/stress.sh
}

spring() { # Spring Boot start-up with the starter, without it and with a stand-in (20 rounds of 3 fresh JVMs)
  java -cp "$(cat benchmarks/target/spring-startup.classpath):benchmarks/target/classes" \
    dev.vpce.benchmarks.SpringStartup 20
}

catalogue() { # section 4: the catalogue's test, then its report (mvn -q prints nothing when it passes)
  stale_failsafe
  rm -f benchmarks/target/surefire-reports/dev.vpce.benchmarks.FaultCatalogueTest.txt
  mvn -B -q -pl benchmarks -am verify -Dtest=FaultCatalogueTest -Dit.test=NoSuch \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
  local rc=$?
  cat benchmarks/target/surefire-reports/dev.vpce.benchmarks.FaultCatalogueTest.txt 2>/dev/null
  return $rc
}

mkdir -p "$OUT"
echo "== build (once): mvn -B -q -DskipTests package -pl benchmarks -am"
mvn -B -q -DskipTests package -pl benchmarks -am || { echo "build failed" >&2; exit 1; }

for s in "${SECTIONS[@]}"; do
  case "$s" in
    resolve) run resolve java -jar "$JAR" ResolveBenchmark "${JMH_ARGS[@]}" -prof gc -t 1 ;;
    http) run http java -jar "$JAR" HttpBenchmark "${JMH_ARGS[@]}" ;;
    jdbc) run jdbc java -jar "$JAR" JdbcBenchmark "${JMH_ARGS[@]}" ;;
    failover) run failover java -cp "$JAR" dev.vpce.benchmarks.FailoverHarness ;;
    # shellcheck disable=SC2086
    matrix) run matrix java -cp "$JAR" dev.vpce.benchmarks.FailoverMatrix ${MATRIX_ARGS:-} ;;
    fleet)
      if unzip -l "$JAR" 2>/dev/null | grep -q 'dev/vpce/benchmarks/FleetHarness.class'; then
        run fleet java -cp "$JAR" dev.vpce.benchmarks.FleetHarness
      else
        echo "== fleet: dev.vpce.benchmarks.FleetHarness is not in this tree" | tee "$OUT/fleet.txt"
        STATUS[fleet]=missing
      fi ;;
    stress) run stress stress ;;
    spring) run spring spring ;;
    catalogue) run catalogue catalogue ;;
  esac
done

echo
echo "Results in $OUT:"
failed=0
for s in "${SECTIONS[@]}"; do
  echo "  $s: ${STATUS[$s]:-not run} ($OUT/$s.txt)"
  [ "${STATUS[$s]:-1}" = "0" ] || failed=1
done
exit $failed
