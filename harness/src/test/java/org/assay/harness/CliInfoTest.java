package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliInfoTest {

    private static final Pattern VERSION_LINE =
            Pattern.compile("^assay \\S+ \\(commit ([0-9a-f]{7,40}|unknown)(, dirty tree)?\\)$");

    /**
     * Built from a git checkout (the tests run in harness/, the checkout's .git is beside it), the
     * version names the commit HEAD is at in this very work tree: a hash, not the word "commit"
     * with "unknown" after it, and not the commit of some other checkout of the same repository.
     */
    @Test
    void versionNamesTheCommitItWasBuiltFrom() throws Exception {
        CliCapture c = CliCapture.run("--version");
        assertEquals(0, c.exitCode());
        String first = c.out().lines().findFirst().orElse("");
        Matcher m = VERSION_LINE.matcher(first);
        assertTrue(m.matches(), first);
        if (Files.exists(Path.of("..", ".git"))) {
            assertEquals(gitHead(), m.group(1), first);
        } else {
            assertEquals("unknown", m.group(1), "no git checkout, so no commit to name: " + first);
        }
    }

    private static String gitHead() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("..").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void anUnknownCommandIsNamedInOneLine() {
        CliCapture c = CliCapture.run("frobnicate");
        assertEquals(Main.EXIT_USAGE, c.exitCode());
        assertEquals("assay: unknown command 'frobnicate'", c.err().strip());
        assertEquals("", c.out());
    }

    @Test
    void anUnknownTopLevelOptionIsOneLineNamingIt() {
        CliCapture c = CliCapture.run("--frobnicate");
        assertEquals(Main.EXIT_USAGE, c.exitCode());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().startsWith("assay: Unknown option: '--frobnicate'"), c.err());
    }

    @Test
    void listShowsEveryWorkloadAndSuite() {
        CliCapture c = CliCapture.run("list");
        assertEquals(0, c.exitCode());
        assertTrue(c.out().contains("memory.bandwidth.triad"));
        assertTrue(c.out().contains("cpu.primes.sieve"));
        assertTrue(c.out().contains("thorough"));
    }

    @Test
    void listJsonIsParseable() throws Exception {
        CliCapture c = CliCapture.run("list", "--json");
        JsonNode n = BundleFormat.mapper().readTree(c.out());
        assertTrue(n.get("workloads").size() >= 2);
        assertEquals("GB/s", n.get("workloads").get(0).get("unit").asText());
        assertEquals(3, n.get("suites").size());
    }
}
