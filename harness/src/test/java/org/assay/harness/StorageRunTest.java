package org.assay.harness;

import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage workloads through the CLI and real forks at test sizes: figures, histograms, cleanup. */
class StorageRunTest {

    @TempDir
    Path tmp;

    @Test
    void twoJobsWriteHistogramsPercentilesAndLeaveNothingBehind() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Path leftover = Files.createFile(dir.resolve("assay-storage-999999999-1-randread-5.dat"));
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("run", "--smoke", "--only", "storage.randrw", "--suite", "standard",
                "--threads", "2", "--dir", dir.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("storage: removed " + leftover), c.out());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "the test files and the leftover are gone");
        }
        Bundle b = BundleReader.read(out);
        assertTrue(BundleVerifier.verify(out).ok());
        InvocationResult r = b.results().get(0);
        assertEquals(Status.ok, r.status(), r.reason());
        assertEquals(2, r.threads());
        Map<String, ?> storage = (Map<String, ?>) r.settings().get("storage");
        assertTrue(storage.get("fsType") != null, storage.toString());
        Path hist = out.resolve((String) r.settings().get("histogram"));
        assertTrue(Files.size(hist) > 0);
        String log = Files.readString(hist);
        assertTrue(log.contains("Tag=pid") && log.contains(".job0,") && log.contains(".job1,"), "both jobs' intervals");
        double p50 = r.secondary().get("storage.latency.p50").score();
        double p99 = r.secondary().get("storage.latency.p99").score();
        double max = r.secondary().get("storage.latency.max").score();
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, p50 + " " + p99 + " " + max);
        // 3 smoke iterations of both jobs: at least one op each, and IOPS agree with the count only roughly
        assertTrue(r.secondary().get("storage.latency.count").score() >= 6);
        assertEquals(r.score(), r.secondary().get("storage.iops").score(), 1e-6, "IOPS is the score for random I/O");
        assertEquals(r.score() * 4096 / 1e6, r.secondary().get("storage.bandwidth").score(), 1e-6);
        assertEquals(r.score() * 4096 / 1048576.0, r.secondary().get("storage.bandwidth.mib").score(), 1e-6);
    }

    @Test
    void aRunOnTmpfsIsLabelledMemory() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && "tmpfs".equals(Files.getFileStore(shm).type()), "no writable tmpfs at /dev/shm");
        Path dir = Files.createTempDirectory(shm, "assay-test");
        try {
            Path out = tmp.resolve("b");
            CliCapture c = CliCapture.run("run", "--smoke", "--only", "storage.seqread", "--dir", dir.toString(),
                    "--out", out.toString(), "--progress", "none");
            assertEquals(0, c.exitCode(), c.out() + c.err());
            assertTrue(c.out().contains("tmpfs: memory, not a device"), c.out());
            InvocationResult r = BundleReader.read(out).results().get(0);
            Map<String, ?> storage = (Map<String, ?>) r.settings().get("storage");
            assertEquals("tmpfs: memory, not a device", storage.get("label"));
            assertEquals("tmpfs", storage.get("fsType"));
            assertNull(storage.get("device"));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
