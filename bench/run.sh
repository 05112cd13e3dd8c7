#!/usr/bin/env bash
# The benchmark: whole sync cycles against the sandbox servers with generated stores of 1,000 to
# 100,000 customers, in a JVM of its own limited to 256 MB of heap. The sandboxes run in one child JVM
# for the whole benchmark (1 GB of heap, a new store per run), so the 256 MB and the CPU figures are
# the product's. Prints one BENCH line per run, then a table; the product's log goes to
# target/bench/bench.log, the sandboxes' to target/bench/sandboxes.log.
#
#   bench/run.sh                              every scenario at its default sizes (about 10 minutes)
#   bench/run.sh unthrottled:1000,10000       chosen scenarios and sizes
#   BENCH_HEAP=1g bench/run.sh                 a larger heap
#   BENCH_SANDBOX_HEAP=2g bench/run.sh         a larger heap for the sandboxes' JVM
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/run.jfr" bench/run.sh unthrottled:100000
#   BENCH_JAVA_OPTS="-Dbench.sandbox.opts=-XX:StartFlightRecording=filename=target/bench/sandboxes.jfr" bench/run.sh ...
#   BENCH_JAVA_OPTS="-Dbench.sandbox.opts=-Xlog:gc:file=target/bench/sandboxes-gc.log" bench/run.sh ...
#     (the child's stdout is its reply pipe: an -Xlog there must name a file or stderr)
#   BENCH_JAVA_OPTS="-Dbench.sandbox.gc=-XX:+UseG1GC" bench/run.sh ...   the sandboxes' JVM on G1 (default: serial)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt \
    -Dmdep.includeScope=test >target/bench/build.log 2>&1 || { cat target/bench/build.log; exit 1; }
exec java -Xmx${BENCH_HEAP:-256m} ${BENCH_JAVA_OPTS:-} -Dbench.sandbox.heap=${BENCH_SANDBOX_HEAP:-1g} \
    -Dlogback.configurationFile=bench/logback-bench.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
    com.shopifyjoorsync.bench.SyncBenchmark "$@"
