package org.assay.harness;

import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.ImportedFrom;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code assay import} of real fio, iperf3 and JMH files: bundles that verify, figures equal to
 * the numbers in the files (read off the files by hand, not recomputed), Assay's names, units and
 * parameters, the tool recorded, the machine left unknown, and score and accept taking them.
 */
class ImportCliTest {

    // fio-randread-4k-qd32.json: jobs[0].read
    static final double FIO_IOPS = 21733.311192;
    static final double FIO_BW_BYTES = 89019642;
    static final double FIO_CLAT_P99_NS = 9764864;
    static final double FIO_CLAT_P50_NS = 552960;
    static final long FIO_CLAT_N = 65439;
    static final long FIO_IOPS_SAMPLES = 6;
    // iperf3-loopback-3s.json: end.sum_received.bits_per_second, intervals[0].sum.bits_per_second
    static final double IPERF3_RECEIVED_BPS = 2784578267.6143312;
    static final double IPERF3_FIRST_INTERVAL_BPS = 2371476335.6212788;
    static final int IPERF3_INTERVALS = 3;
    // jmh-sieve-thrpt-avgt.json: the avgt entry's primaryMetric.score (s/op)
    static final double JMH_AVGT_SCORE = 0.036138794360317465;
    // the Assay run assay-storage-randread-4k-qd32: the mean of its iteration samples (IOPS)
    static final double ASSAY_RANDREAD_MEAN = 24073.218952007814;

    @TempDir
    Path tmp;

    private Bundle imported(String fixture, String... more) throws Exception {
        Path out = tmp.resolve(fixture.replace(".json", ""));
        String[] args = new String[3 + more.length + 1];
        args[0] = "import";
        args[1] = ImportFixtures.path(fixture).toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        CliCapture c = CliCapture.run(args);
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("bundle: " + out), c.out());
        assertTrue(BundleVerifier.verify(out).ok(), "verifies: " + BundleVerifier.verify(out).problems());
        CliCapture verify = CliCapture.run("verify", out.toString());
        assertEquals(0, verify.exitCode(), verify.out());
        return BundleReader.read(out);
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void fioRandreadIsStorageRandreadWithFiosFigures() throws Exception {
        Bundle b = imported(ImportFixtures.FIO);
        assertEquals(1, b.results().size());
        InvocationResult r = b.results().get(0);
        assertEquals(Status.ok, r.status());
        assertEquals("storage.randread", r.metric());
        assertEquals(Map.of("pattern", "RAND_READ", "blockSize", 4096, "fileBytes", 67108864, "queueDepth", 32,
                "preconditionPasses", 0), r.params());
        assertEquals(1, r.threads());
        assertEquals("IOPS", r.unit());
        assertTrue(r.higherIsBetter());
        assertEquals(FIO_IOPS, r.score(), 0);
        assertEquals(FIO_IOPS, r.secondary().get("storage.iops").score(), 0);
        assertEquals(FIO_BW_BYTES / 1e6, r.secondary().get("storage.bandwidth").score(), 1e-9);
        assertEquals("MB/s", r.secondary().get("storage.bandwidth").unit());
        assertEquals(FIO_CLAT_P99_NS / 1e3, r.secondary().get("storage.latency.p99").score(), 1e-9);
        assertEquals(FIO_CLAT_P50_NS / 1e3, r.secondary().get("storage.latency.p50").score(), 1e-9);
        assertEquals("µs", r.secondary().get("storage.latency.p99").unit());
        assertEquals((double) FIO_CLAT_N, r.secondary().get("storage.latency.count").score(), 0);
        assertEquals("clat_ns", r.settings().get("latencySource"));
        assertEquals("direct", ((Map<?, ?>) r.settings().get("storage")).get("io"));
        // the interval from fio's own IOPS samples, around fio's figure
        assertNotNull(r.scoreError());
        assertEquals(FIO_IOPS - r.scoreError(), r.ci().get(0), 1e-6);
        assertEquals("within-run", r.interval().get("method"));
        assertEquals(FIO_IOPS_SAMPLES, ((Number) r.interval().get("toolSamples")).longValue());
        assertEquals(List.of(), r.samples(), "fio lists no samples, only their summary");

        ImportedFrom from = b.manifest().importedFrom();
        assertEquals("fio", from.tool());
        assertEquals("fio-3.33", from.toolVersion());
        assertEquals(sha256(ImportFixtures.path(ImportFixtures.FIO)), from.sha256());
        assertArrayEquals(Files.readAllBytes(ImportFixtures.path(ImportFixtures.FIO)),
                Files.readAllBytes(b.dir().resolve(from.copy())), "the file itself is in the bundle");
        assertEquals("file", from.machine());
        assertNull(b.manifest().host(), "fio names no host: unknown, not this machine's name");
        assertTrue(b.manifest().inventory().path("cpu").isMissingNode(), "no CPU is invented");
        assertTrue(b.manifest().inventory().path("disks").size() >= 1, "the devices fio saw");
        assertTrue(Files.exists(b.dir().resolve("summary.md")));
    }

    @Test
    void thisMachineRecordsThisInventoryOnlyWhenAsked() throws Exception {
        Bundle b = imported(ImportFixtures.FIO, "--this-machine");
        assertTrue(b.manifest().importedFrom().machine().startsWith("this machine (--this-machine)"));
        assertTrue(b.manifest().inventory().path("cpu").path("logicalCpus").asInt() >= 1);
        assertNotNull(b.manifest().host());
    }

    @Test
    void iperf3LoopbackIsTheTcpStreamInGbits() throws Exception {
        Bundle b = imported(ImportFixtures.IPERF3);
        InvocationResult r = b.results().get(0);
        assertEquals("network.tcp.stream", r.metric());
        assertEquals(Map.of("messageBytes", 131072, "sameCore", false), r.params());
        assertEquals(2, r.threads(), "one stream: a sender and a receiver");
        assertEquals("Gbit/s", r.unit());
        assertEquals(IPERF3_RECEIVED_BPS / 1e9, r.score(), 1e-12);
        assertEquals(IPERF3_INTERVALS, r.samples().size());
        assertEquals(IPERF3_FIRST_INTERVAL_BPS / 1e9, r.samples().get(0), 1e-12);
        assertNotNull(r.scoreError());
        assertEquals("within-run", r.interval().get("method"));
        assertEquals("iperf3", b.manifest().importedFrom().tool());
        assertTrue(b.manifest().importedFrom().toolVersion().startsWith("iperf 3"));
        assertNotNull(b.manifest().inventory().path("os").path("kernel").textValue(), "uname's kernel");
        assertTrue(b.manifest().inventory().path("cpu").isMissingNode());
    }

    @Test
    void jmhFileGivesTheAssayMetricForAnAssayBenchmarkAndJmhDotNameOtherwise() throws Exception {
        Bundle b = imported(ImportFixtures.JMH);
        assertEquals(2, b.results().size());
        InvocationResult thrpt = b.results().stream().filter(r -> r.metric().equals("cpu.primes.sieve")).findFirst().orElseThrow();
        assertEquals("numbers/s", thrpt.unit());
        assertEquals("fork-means", thrpt.interval().get("method"), "two forks in the file");
        InvocationResult avgt = b.results().stream().filter(r -> r.metric().startsWith("jmh.")).findFirst().orElseThrow();
        assertEquals("jmh.org.assay.workloads.jmh.SegmentedSieveBench.sieve", avgt.metric());
        assertEquals("avgt", avgt.params().get("mode"));
        assertEquals("s/op", avgt.unit());
        assertTrue(!avgt.higherIsBetter());
        assertEquals(JMH_AVGT_SCORE, (Double) avgt.settings().get("jmhScore"), 0);
        assertEquals(JMH_AVGT_SCORE, avgt.score(), JMH_AVGT_SCORE * 1e-9, "equal forks: mean of fork means = JMH's score");
        assertTrue(Files.exists(b.dir().resolve("jmh.json")), "JMH's own entries, for tools that read them");
    }

    @Test
    void scoreAndAcceptTakeAnImportedRun() throws Exception {
        Bundle b = imported(ImportFixtures.FIO);
        Path profile = tmp.resolve("fio-box.yaml");
        CliCapture create = CliCapture.run("profile", "create", "--from", b.dir().toString(), "--id", "fio-box",
                "--out", profile.toString());
        assertEquals(0, create.exitCode(), create.err());
        CliCapture score = CliCapture.run("score", b.dir().toString(), "--profile", profile.toString());
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().contains("storage.randread"), score.out());
        // fio's six IOPS samples (sd 3710 of 21730) give a 99.9% half-width of about 10400: wider than the
        // profile's tolerance, so accept says inconclusive (exit 3) rather than pass, as it would for a noisy run
        CliCapture accept = CliCapture.run("accept", b.dir().toString(), "--profile", profile.toString());
        assertEquals(3, accept.exitCode(), accept.out() + accept.err());
        assertTrue(accept.out().contains("INCONCLUSIVE  storage.randread"), accept.out());
        assertTrue(accept.out().contains("21730 +- 10400 IOPS"), "fio's figure and the interval from its samples: " + accept.out());
    }
}
