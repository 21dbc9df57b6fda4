package org.assay.workloads.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageFilesTest {

    @TempDir
    Path dir;

    @Test
    void filesAreNamedRecognisablyAndOtherRunsAreLeftovers() throws IOException {
        Path mine = Files.createFile(StorageFiles.file(dir, "123-456", "randread-77"));
        Path other = Files.createFile(StorageFiles.file(dir, "9-1", "write-8"));
        Files.createFile(dir.resolve("unrelated.dat"));
        assertEquals("assay-storage-123-456-randread-77.dat", mine.getFileName().toString());
        assertEquals(List.of(mine), StorageFiles.ofRun(dir, "123-456"));
        assertEquals(List.of(other), StorageFiles.leftovers(dir, "123-456"));
        assertEquals(List.of(other), StorageFiles.remove(StorageFiles.leftovers(dir, "123-456")));
        assertTrue(Files.exists(dir.resolve("unrelated.dat")), "only test files are touched");
    }

    /** A real signal: a JVM holding a test file gets SIGTERM (what Ctrl-C's SIGINT also triggers) and removes it. */
    @Test
    void aSignalledForkRemovesItsFile() throws Exception {
        Path file = StorageFiles.file(dir, "1-1", "hook");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldsAFile.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", r.readLine());
            assertTrue(Files.exists(file));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(file), "the shutdown hook removed the test file");
    }

    /** The child: creates the file, registers the hook and waits to be killed. */
    public static final class HoldsAFile {
        public static void main(String[] args) throws Exception {
            Path f = Files.createFile(Path.of(args[0]));
            StorageFiles.removeOnExit(f);
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
