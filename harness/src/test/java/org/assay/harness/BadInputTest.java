package org.assay.harness;

import org.assay.probes.preflight.EnvironmentChecks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one clear line on stderr, exit status 2, nothing written. */
class BadInputTest {

    @TempDir
    Path tmp;

    private void assertRefused(CliCapture c, String expectedFragment) {
        assertEquals(2, c.exitCode(), c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + c.err());
        assertTrue(lines[0].contains(expectedFragment), lines[0]);
    }

    @Test
    void unknownSuiteIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--suite", "fast", "--out", out.toString()),
                "expected one of quick, standard, thorough");
        assertFalse(Files.exists(out));
    }

    @Test
    void onlyPatternMatchingNothingIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--only", "gpu.*", "--out", out.toString()), "matches no workload");
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyOnlyIsRefused() {
        assertRefused(CliCapture.run("run", "--only", "", "--out", tmp.resolve("b").toString()), "--only is empty");
    }

    @Test
    void cpusOutsideAllowedSetAreRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--cpus", "4095", "--out", out.toString()), "not in the allowed set");
        assertFalse(Files.exists(out));
    }

    @Test
    void malformedCpuListIsRefused() {
        assertRefused(CliCapture.run("run", "--cpus", "1-x", "--out", tmp.resolve("b").toString()), "--cpus");
    }

    @Test
    void moreThreadsThanCoresAreRefused() {
        assertRefused(CliCapture.run("run", "--threads", "4096", "--out", tmp.resolve("b").toString()), "4096");
    }

    @Test
    void moreThanOneThreadForTheChaseIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--only", "memory.latency.chase", "--threads", "2", "--out", out.toString()),
                "one thread");
        assertFalse(Files.exists(out));
    }

    @Test
    void memoryWorkloadsLargerThanTheMachineCanGiveAreRefused() throws IOException {
        // a fixture root: two CPUs, 1 GiB available; the pressure region and the fork's heap need more
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 2097152 kB\nMemAvailable: 1048576 kB\n");
        Files.writeString(root.resolve("proc/self/status"), "Cpus_allowed_list:\t0-1\n");
        Files.writeString(root.resolve("sys/devices/system/cpu/online"), "0-1\n");
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--root", root.toString(), "--only", "memory.pressure.firstTouch",
                "--out", out.toString()), "available");
        assertFalse(Files.exists(out));
    }

    @Test
    void anFmaWidthTheCpuLacksIsRefused() throws IOException {
        // a fixture root: two CPUs of an AVX2 part (fma, no avx512f)
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 16777216 kB\nMemAvailable: 16000000 kB\n");
        Files.writeString(root.resolve("proc/self/status"), "Cpus_allowed_list:\t0-1\n");
        Files.writeString(root.resolve("sys/devices/system/cpu/online"), "0-1\n");
        Files.writeString(root.resolve("proc/cpuinfo"), "processor\t: 0\nflags\t\t: fpu sse2 avx fma avx2\n\n"
                + "processor\t: 1\nflags\t\t: fpu sse2 avx fma avx2\n");
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--root", root.toString(), "--only", "cpu.peak", "-p", "width=512",
                "--out", out.toString()), "cpu.peak: width=512: this CPU has no 512-bit FMA");
        assertRefused(CliCapture.run("run", "--root", root.toString(), "--only", "cpu.peak", "-p", "width=avx2",
                "--out", out.toString()), "width=avx2: expected scalar, 128, 256 or 512");
        assertFalse(Files.exists(out));
        CliCapture fits = CliCapture.run("run", "--root", root.toString(), "--only", "cpu.peak", "-p", "width=256,scalar",
                "--dry-run", "--out", out.toString());
        assertEquals(0, fits.exitCode(), fits.err());
        assertTrue(fits.out().contains("cpu.peak[width=256,threads=1]"), fits.out());
    }

    @Test
    void nonEmptyBundleDirectoryIsRefusedAndLeftAlone() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertRefused(CliCapture.run("run", "--out", out.toString()), "not empty");
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        try (var s = Files.list(out)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void unwritableOutIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertRefused(CliCapture.run("run", "--out", file.resolve("sub").toString()), "--out");
    }

    @Test
    void unknownOptionIsOneLine() {
        assertRefused(CliCapture.run("run", "--frobnicate"), "Unknown option");
    }

    @Test
    void anFftSizeThatIsNotAPowerOfTwoIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--only", "cpu.fft", "-p", "n=1000", "--out", out.toString()),
                "must be a power of two");
        assertFalse(Files.exists(out));
    }

    @Test
    void aMatrixLargerThanMemoryIsRefused() {
        Path out = tmp.resolve("b");
        // 3 x 65536^2 doubles = 96 GiB per worker: more than the fork's heap on any machine CI runs on
        assertRefused(CliCapture.run("run", "--only", "cpu.dgemm", "-p", "n=65536", "--out", out.toString()),
                "cpu.dgemm");
        assertFalse(Files.exists(out));
    }

    @Test
    void aChaseStrideThatIsNotAPowerOfTwoIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--suite", "standard", "--only", "memory.latency.chase",
                "-p", "strideBytes=24", "--out", out.toString()), "power of two");
        assertFalse(Files.exists(out));
    }

    @Test
    void aChaseWorkingSetBeyondWhatTheMachineCanGiveIsRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--only", "memory.latency.chase",
                "-p", "workingSets=4096,1099511627776", "--out", out.toString()), "memory.latency.chase");
        assertFalse(Files.exists(out));
    }

    @Test
    void aParameterNoSelectedWorkloadHasIsRefusedWithTheirNames() {
        assertRefused(CliCapture.run("run", "--only", "cpu.fft", "-p", "size=4096", "--out", tmp.resolve("b").toString()),
                "no selected workload has that parameter; theirs are: n");
    }

    @Test
    void aParameterTheMachineDecidesCannotBeSet() {
        assertRefused(CliCapture.run("run", "--only", "memory.numa.*", "-p", "memNodes=5", "--out", tmp.resolve("b").toString()),
                "derives memNodes from the machine");
        assertRefused(CliCapture.run("run", "--suite", "standard", "--only", "memory.bandwidth.*", "-p", "kind=bogus",
                "--out", tmp.resolve("b").toString()), "cannot be set");
    }

    @Test
    void aMalformedParamIsRefused() {
        assertRefused(CliCapture.run("run", "--only", "cpu.fft", "-p", "n", "--out", tmp.resolve("b").toString()),
                "expected NAME=VALUE");
        assertRefused(CliCapture.run("run", "--only", "cpu.fft", "-p", "n=abc", "--out", tmp.resolve("b").toString()),
                "is a whole number");
    }

    /** A root whose pre-flight is sure to warn: two CPUs, plenty of memory, a load far above idle. */
    private Path warningRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 16777216 kB\nMemAvailable: 16000000 kB\n");
        Files.writeString(root.resolve("proc/self/status"), "Cpus_allowed_list:\t0-1\n");
        Files.writeString(root.resolve("proc/loadavg"), "40.00 40.00 40.00 9/999 12345\n");
        Files.writeString(root.resolve("sys/devices/system/cpu/online"), "0-1\n");
        assertTrue(EnvironmentChecks.run(root, List.of(0, 1)).stream().anyMatch(c -> c.warning() != null),
                "the fixture's pre-flight warns, so a refusal without warnings proves the order");
        return root;
    }

    @Test
    void aNonEmptyOutIsRefusedBeforeAnyPreFlightWarning() throws IOException {
        Path root = warningRoot();
        Path out = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliCapture c = CliCapture.run("run", "--root", root.toString(), "--only", "cpu.primes.sieve",
                "--out", out.toString());
        assertRefused(c, "not empty");
        assertFalse(c.err().contains("warning:"), c.err());
        try (var s = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), s.toList());
        }
    }

    @Test
    void anOutWhereNothingCanBeCreatedIsRefusedBeforeAnyPreFlightWarning() throws IOException {
        // /proc refuses new files even to root, for whom the permission bits say "writable"
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux procfs");
        Path root = warningRoot();
        Path out = Path.of("/proc/assay-bundle-test");
        CliCapture c = CliCapture.run("run", "--root", root.toString(), "--only", "cpu.primes.sieve",
                "--out", out.toString());
        assertRefused(c, "not a writable directory");
        assertFalse(c.err().contains("warning:"), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void verifyOnNonBundleSaysSo() {
        CliCapture c = CliCapture.run("verify", tmp.toString());
        assertRefused(c, "not an Assay bundle");
    }

    @Test
    void dryRunPrintsPlanAndWritesNothing() {
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("run", "--dry-run", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("memory.bandwidth.triad"), c.out());
        assertTrue(c.out().contains("Estimated total"), c.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void badPrecisionTargetsAndBudgetsAreRefused() {
        Path out = tmp.resolve("b");
        assertRefused(CliCapture.run("run", "--precision", "0", "--out", out.toString()),
                "--precision 0: give a half-width above 0% and below 100%");
        assertRefused(CliCapture.run("run", "--precision", "150%", "--out", out.toString()),
                "--precision 150%: give a half-width above 0% and below 100%");
        assertRefused(CliCapture.run("run", "--precision", "fast", "--out", out.toString()), "--precision fast");
        assertRefused(CliCapture.run("run", "--precision", "1%", "--max-time", "-3s", "--out", out.toString()),
                "--max-time -3s: give a positive duration");
        assertRefused(CliCapture.run("run", "--precision", "1%", "--max-time", "0s", "--out", out.toString()),
                "--max-time 0s");
        assertRefused(CliCapture.run("run", "--max-time", "20s", "--out", out.toString()),
                "--max-time 20s: only with a precision target");
        assertFalse(Files.exists(out));
    }

    @Test
    void aPrecisionTargetShowsEachInvocationsCapInThePlan() {
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("run", "--dry-run", "--only", "cpu.primes.millerrabin", "--threads", "1",
                "--precision", "2%", "--max-time", "1m", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().matches("(?s).*\\bcap\\b.*"), c.out());
        assertTrue(c.out().contains("Precision target: 2.0% half-width"), c.out());
        // thorough measures towards 1% by default, each invocation capped at 3 x its estimate
        CliCapture thorough = CliCapture.run("run", "--dry-run", "--suite", "thorough", "--only", "cpu.primes.millerrabin",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, thorough.exitCode(), thorough.err());
        assertTrue(thorough.out().contains("Precision target: 1.0% half-width"), thorough.out());
        assertTrue(thorough.out().contains("(3 x its estimate)"), thorough.out());
        CliCapture none = CliCapture.run("run", "--dry-run", "--suite", "thorough", "--precision", "none",
                "--only", "cpu.primes.millerrabin", "--threads", "1", "--out", out.toString());
        assertFalse(none.out().contains("Precision target"), none.out());
        assertFalse(CliCapture.run("run", "--dry-run", "--only", "cpu.primes.millerrabin", "--threads", "1",
                "--out", out.toString()).out().contains("Precision target"), "quick keeps its time");
        assertFalse(Files.exists(out));
    }
}
