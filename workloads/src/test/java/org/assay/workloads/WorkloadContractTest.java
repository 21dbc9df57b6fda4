package org.assay.workloads;

import org.assay.probes.topology.FmaWidths;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * What every workload of {@link Workloads#all()} promises, so that a new one is held to it
 * without being named here: the JMH benchmark it names exists (a {@code @Benchmark} method, and
 * an entry in the {@code META-INF/BenchmarkList} that JMH's annotation processor generated), and
 * every suite's sizes, at every thread count the suite asks for, pass its own validation on
 * machines from one CPU to 384.
 */
class WorkloadContractTest {

    /** A machine by its CPU count, with caches and memory such machines have. */
    private record Machine(String name, SizingContext sizing) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** FMA widths of an AVX2 part and of an AVX-512 part, as /proc/cpuinfo's flags give them. */
    private static final FmaWidths AVX2 = new FmaWidths(List.of(64, 128, 256), "flags fma");
    private static final FmaWidths AVX512 = new FmaWidths(List.of(64, 128, 256, 512), "flags fma, avx512f");

    private static final List<Machine> MACHINES = List.of(
            // a one-vCPU cloud guest, AVX2
            new Machine("1 CPU", new SizingContext(8L << 20, 2L << 30, 1).withFmaWidths(AVX2)),
            // the two-vCPU EPYC guest of the fixtures: 32 MiB L3, 8 GiB, AVX-512
            new Machine("2 CPUs", new SizingContext(32L << 20, 8L << 30, 2).withFmaWidths(AVX512)),
            // one 64-core socket without SMT, eight 32 MiB L3s, 256 GiB
            new Machine("64 CPUs", new SizingContext(256L << 20, 256L << 30, 64).withFmaWidths(AVX512)),
            // two 96-core sockets with SMT (384 CPUs, 192 cores), 24 L3s of 32 MiB, 1.5 TiB, with
            // its layout, so the sizes the planner fits to each placement are the ones checked
            new Machine("384 CPUs", new SizingContext(768L << 20, 1536L << 30, 192, Layouts.epyc2s(1),
                    java.util.stream.IntStream.range(0, 384).boxed().toList(), AVX512)));

    /**
     * Refusals that are real defects outside this test's reach, each with the message that shows
     * it. The case is reported as skipped with the reason, and fails again as soon as the refusal
     * changes (fixed, or a different one), so the entry cannot outlive the defect silently.
     */
    private static final Map<String, KnownRefusal> KNOWN = new java.util.HashMap<>();

    private record KnownRefusal(String messageContains, String reason) {
    }

    private static void known(List<String> ids, List<String> machines, List<Suite> suites, String messageContains,
                              String reason) {
        for (String id : ids) {
            for (String m : machines) {
                for (Suite s : suites) {
                    KNOWN.put(id + " @ " + m + ", " + s, new KnownRefusal(messageContains, reason));
                }
            }
        }
    }

    static {
        // none today: the STREAM sizes, the chase's sweep and the fork heap follow the machine
    }

    @TestFactory
    List<DynamicNode> everyWorkloadNamesABenchmarkThatExists() {
        Set<String> listed = benchmarkList();
        List<DynamicNode> out = new ArrayList<>();
        for (Workload w : Workloads.all()) {
            out.add(DynamicTest.dynamicTest(w.id(), () -> namesAnExistingBenchmark(w, listed)));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> everySuiteSizeValidatesOnEveryMachine() {
        List<DynamicNode> out = new ArrayList<>();
        for (Workload w : Workloads.all()) {
            List<DynamicNode> cases = new ArrayList<>();
            for (Machine m : MACHINES) {
                for (Suite suite : Suite.values()) {
                    cases.add(DynamicTest.dynamicTest(m + ", " + suite, () -> suiteValidates(w, suite, m)));
                }
            }
            out.add(DynamicContainer.dynamicContainer(w.id(), cases));
        }
        return out;
    }

    @Test
    void theBenchmarkListIsTheGeneratedOneAndNotEmpty() {
        assertTrue(benchmarkList().size() >= Workloads.all().stream().map(Workload::benchmark).distinct().count(),
                "META-INF/BenchmarkList lists fewer benchmarks than the workloads name");
    }

    private static void namesAnExistingBenchmark(Workload w, Set<String> listed) throws ClassNotFoundException {
        String b = w.benchmark();
        int dot = b.lastIndexOf('.');
        assertTrue(dot > 0, w.id() + ": benchmark '" + b + "' is not class.method");
        String className = b.substring(0, dot);
        String method = b.substring(dot + 1);
        // not initialised: a Vector API benchmark class must not need the module just to be inspected
        Class<?> c = Class.forName(className, false, WorkloadContractTest.class.getClassLoader());
        List<Method> benchmarks = Arrays.stream(c.getMethods())
                // an asymmetric benchmark is named by its @Group (a TCP stream: its sender and receiver)
                .filter(m -> m.isAnnotationPresent(Benchmark.class) && (m.getName().equals(method)
                        || m.isAnnotationPresent(org.openjdk.jmh.annotations.Group.class)
                        && m.getAnnotation(org.openjdk.jmh.annotations.Group.class).value().equals(method)))
                .collect(Collectors.toList());
        assertFalse(benchmarks.isEmpty(), w.id() + ": " + className + " has no @Benchmark method " + method);
        assertTrue(listed.contains(b), w.id() + ": " + b + " is not in the generated META-INF/BenchmarkList");
    }

    private static void suiteValidates(Workload w, Suite suite, Machine m) {
        SizingContext sizing = m.sizing();
        List<Map<String, Object>> sets = w.paramSets(suite, sizing);
        assertNotNull(sets, w.id());
        KnownRefusal known = KNOWN.get(w.id() + " @ " + m + ", " + suite);
        for (Map<String, Object> suiteParams : sets) {
            List<ScalingLadder.Step> steps = w.threadSteps(suite, sizing, suiteParams);
            assertFalse(steps.isEmpty(), w.id() + " runs " + suiteParams + " at no thread count on " + m);
            for (ScalingLadder.Step step : steps) {
                // the placement's units, except the all-hardware-threads step: one worker per logical CPU
                int most = step.allHardwareThreads() ? sizing.usableCpus().size() : sizing.maxThreads();
                assertTrue(step.workers() >= 1 && step.workers() <= most,
                        w.id() + " asks for " + step.label() + " workers on " + m);
            }
            for (int t : ScalingLadder.counts(steps)) {
                // as the planner does: the suite's size fitted to a placement of t workers, one per
                // core in core order (the workers' own L3s)
                List<Integer> cpus = java.util.stream.IntStream.range(0, t).boxed().toList();
                Map<String, Object> params = w.sizedForWorkers(suiteParams, cpus, sizing);
                try {
                    w.validate(params, t, sizing);
                } catch (IllegalArgumentException e) {
                    if (known != null && e.getMessage().contains(known.messageContains())) {
                        abort(known.reason() + " (" + e.getMessage() + ")");
                    }
                    fail(w.id() + " refuses its own " + suite + " size " + params + " at " + t + " threads on " + m
                            + ": " + e.getMessage());
                }
            }
        }
        if (known != null) {
            fail(w.id() + " on " + m + ", " + suite + " no longer refuses (" + known.reason() + "): remove it from KNOWN");
        }
    }

    /** The {@code class.method} names in the BenchmarkList JMH generated into target/classes. */
    private static Set<String> benchmarkList() {
        try (InputStream in = WorkloadContractTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "no META-INF/BenchmarkList on the class path: the JMH annotation processor did not run");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> names = new java.util.TreeSet<>();
            for (String line : text.split("\n")) {
                names.addAll(benchmarkNames(line));
            }
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An entry is a line of length-prefixed strings, {@code JMH S <len> <benchmark class> S <len>
     * <generated class> S <len> <method> ...}: the benchmark is the first and third of them.
     */
    private static List<String> benchmarkNames(String line) {
        List<String> tokens = new ArrayList<>();
        int i = line.startsWith("JMH ") ? 4 : line.length();
        while (tokens.size() < 3 && line.startsWith("S ", i)) {
            int space = line.indexOf(' ', i + 2);
            int len = Integer.parseInt(line.substring(i + 2, space));
            tokens.add(line.substring(space + 1, space + 1 + len));
            i = space + 1 + len + 1;
        }
        return tokens.size() == 3 ? List.of(tokens.get(0) + "." + tokens.get(2)) : List.of();
    }
}
