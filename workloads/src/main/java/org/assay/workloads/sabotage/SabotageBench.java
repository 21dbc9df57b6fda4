package org.assay.workloads.sabotage;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Workloads that fail on purpose, to test the harness by sabotage (Renaissance's dummies): a
 * verification that rejects the result, and a fork that dies. They are registered as test-only
 * workloads and never part of a suite.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SabotageBench {

    @State(Scope.Thread)
    public static class Worker {
        /** "verify": verification fails; "crash": the fork halts during set-up. */
        @Param("verify")
        public String failure;

        long counter;

        @Setup(Level.Trial)
        public void setUp() {
            if ("crash".equals(failure)) {
                Runtime.getRuntime().halt(3); // no exception, no tear-down: the fork just dies
            }
        }

        @TearDown(Level.Iteration)
        public void verify() {
            if ("verify".equals(failure)) {
                throw new IllegalStateException("sabotage verification failed: expected "
                        + (counter + 1) + " but got " + counter);
            }
        }
    }

    @Benchmark
    public long work(Worker w) {
        return ++w.counter;
    }
}
