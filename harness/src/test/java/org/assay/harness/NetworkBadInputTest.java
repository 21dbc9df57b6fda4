package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network workloads' refusals through the command line: one line, exit 2, nothing written. */
class NetworkBadInputTest {

    @TempDir
    Path tmp;

    private void assertRefused(String expectedFragment, String... args) {
        Path out = tmp.resolve("b");
        String[] all = new String[args.length + 3];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        CliCapture c = CliCapture.run(all);
        assertEquals(2, c.exitCode(), c.out() + c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + c.err());
        assertTrue(lines[0].contains(expectedFragment), lines[0]);
        assertFalse(Files.exists(out));
    }

    @Test
    void aMessageOfNoBytesIsRefused() {
        assertRefused("messageBytes must be 24 bytes", "--only", "network.tcp.stream", "-p", "messageBytes=0");
        assertRefused("messageBytes must be 1 byte to 64 MiB", "--only", "network.tcp.rr", "-p", "messageBytes=0");
    }

    @Test
    void aMessageAbove64MiBIsRefused() {
        assertRefused("to 64 MiB (67108864), got 67108865", "--only", "network.tcp.stream",
                "-p", "messageBytes=67108865");
        // the open loop runs in the standard suite only: --param applies to the suite's workloads
        assertRefused("to 64 MiB (67108864), got 67108865", "--only", "network.tcp.rr.open", "--suite", "standard",
                "-p", "messageBytes=67108865");
    }

    @Test
    void streamsNeedASenderAndAReceiverEach() {
        assertRefused("threads must be 2 per stream", "--only", "network.tcp.stream", "--threads", "1");
        assertRefused("--threads 0", "--only", "network.tcp.stream", "--threads", "0");
        assertRefused("use --threads 2, not 1", "--only", "network.tcp.rr", "--threads", "1");
    }

    @Test
    void aRateThatIsNotAboveZeroIsRefused() {
        assertRefused("rate must be above 0", "--only", "network.tcp.rr.open", "--suite", "standard", "-p", "rate=0");
        assertRefused("rate must be above 0", "--only", "network.tcp.rr.open", "--suite", "standard", "-p", "rate=-5");
        assertRefused("rate is a whole number", "--only", "network.tcp.rr.open", "--suite", "standard", "-p", "rate=fast");
    }

    @Test
    void theSameCoreFlagIsTheWorkloadsOwn() {
        assertRefused("sameCore", "--only", "network.tcp.stream", "-p", "sameCore=true");
    }
}
