package org.assay.harness;

import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.InvocationResult;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.assay.results.Termination;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness under sabotage: a kernel whose verification fails and a fork that dies. */
class SabotageRunTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void enableTestWorkloads() {
        System.setProperty(Workloads.TEST_WORKLOADS_PROPERTY, "true");
    }

    @AfterAll
    static void disableTestWorkloads() {
        System.clearProperty(Workloads.TEST_WORKLOADS_PROPERTY);
    }

    @Test
    void failuresAreRecordedWithReasonAndTheRunCarriesOn() throws Exception {
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("run", "--smoke", "--progress", "none", "--threads", "1",
                "--only", "test.sabotage.verify,test.sabotage.crash,cpu.primes.sieve", "--out", out.toString());
        assertEquals(1, c.exitCode(), "a failed measurement exits 1: " + c.out() + c.err());

        Bundle b = BundleReader.read(out);
        Map<String, InvocationResult> byWorkload = b.results().stream()
                .collect(Collectors.toMap(InvocationResult::workload, Function.identity()));
        assertEquals(3, byWorkload.size(), "every invocation recorded, failed ones too");

        InvocationResult verify = byWorkload.get("test.sabotage.verify");
        assertEquals(Status.failed, verify.status());
        assertTrue(verify.reason().contains("sabotage verification failed: expected"), verify.reason());
        assertNull(verify.score(), "a failed kernel posts no score");

        InvocationResult crash = byWorkload.get("test.sabotage.crash");
        assertEquals(Status.failed, crash.status());
        assertNull(crash.score());

        assertEquals(Status.ok, byWorkload.get("cpu.primes.sieve").status(), "the run carried on");
        assertEquals(RunStatus.partial, b.manifest().status());
        assertTrue(b.manifest().statusReason().contains("2 of 3"), b.manifest().statusReason());
        assertTrue(BundleVerifier.verify(out).ok(), "a partial bundle is still closed and verifiable");
    }

    @Test
    void aHarnessFaultClosesTheBundleWithWhatFinished() throws Exception {
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("run", "--smoke", "--progress", "none", "--threads", "1",
                "--only", "cpu.primes.sieve,test.sabotage.harness", "--out", out.toString());
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(c.err().contains("sabotage: the harness fails"), c.err());

        Bundle b = BundleReader.read(out);
        assertEquals(1, b.results().size(), "the sieve finished before the fault and is kept");
        assertEquals(Status.ok, b.results().get(0).status());
        assertEquals(RunStatus.partial, b.manifest().status());
        assertEquals(Termination.error, b.manifest().termination());
        assertTrue(b.manifest().statusReason().contains("in test.sabotage.harness"), b.manifest().statusReason());
        assertTrue(BundleVerifier.verify(out).ok(), "closed and checksummed, not left 'running'");
    }
}
