package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage workloads' bad input: one line, exit 2, nothing written in the bundle or the directory. */
class StorageBadInputTest {

    @TempDir
    Path tmp;

    private void assertRefused(CliCapture c, String expectedFragment) throws IOException {
        assertEquals(2, c.exitCode(), c.out() + c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + c.err());
        assertTrue(lines[0].contains(expectedFragment), lines[0]);
        assertFalse(Files.exists(tmp.resolve("b")), "no bundle");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> !p.getFileName().toString().equals("d")).count(), "nothing written beside");
        }
        if (Files.isDirectory(tmp.resolve("d"))) {
            try (Stream<Path> s = Files.list(tmp.resolve("d"))) {
                assertEquals(0, s.count(), "nothing written in the directory under test");
            }
        }
    }

    private CliCapture run(String... extra) {
        String[] base = {"run", "--out", tmp.resolve("b").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliCapture.run(args);
    }

    @Test
    void aDirectoryThatDoesNotExistIsRefused() throws IOException {
        assertRefused(run("--only", "storage.randread", "--dir", tmp.resolve("missing").toString()), "does not exist");
    }

    @Test
    void aFileInsteadOfADirectoryIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        Path f = Files.createFile(tmp.resolve("d").resolve("plain"));
        CliCapture c = run("--only", "storage.randread", "--dir", f.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("is not a directory"), c.err());
    }

    @Test
    void anUnwritableDirectoryIsRefused() throws IOException {
        // /proc refuses file creation even to root, whose permission bits allow everything
        assertRefused(run("--only", "storage.randread", "--dir", "/proc"), "is not writable");
    }

    @Test
    void aFileLargerThanTheFreeSpaceIsRefusedWithTheNumberNeeded() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        // 1 PiB in 1 MiB blocks: valid for the workload, larger than any free space here
        assertRefused(run("--only", "storage.seqread", "--dir", tmp.resolve("d").toString(),
                "--param", "fileBytes=" + (1L << 50)), "MiB free but");
    }

    @Test
    void aBlockSizeOffTheFileSystemsBlockIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        // 512-byte multiples pass the descriptor; the file system's block (4 KiB on ext4, tmpfs, xfs) refuses 1536
        assertRefused(run("--only", "storage.randread", "--dir", tmp.resolve("d").toString(),
                "--param", "blockSize=1536", "--param", "fileBytes=1572864"), "is not a multiple of");
        assertRefused(run("--only", "storage.randread", "--dir", tmp.resolve("d").toString(),
                "--param", "blockSize=1000"), "blockSize 1000 must be a multiple of 512");
    }

    @Test
    void aMixOutsideZeroToHundredIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        assertRefused(run("--suite", "standard", "--only", "storage.randrw", "--dir", tmp.resolve("d").toString(),
                "--param", "readPercent=101"), "readPercent 101 must be between 0 and 100");
        assertRefused(run("--suite", "standard", "--only", "storage.randrw", "--dir", tmp.resolve("d").toString(),
                "--param", "readPercent=-1"), "must be between 0 and 100");
    }

    @Test
    void aQueueDepthOfZeroIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        // synchronous jobs: the queue depth is the job count, --threads
        assertRefused(run("--only", "storage.randread", "--dir", tmp.resolve("d").toString(), "--threads", "0"),
                "at least 1");
        assertRefused(run("--only", "storage.randread", "--dir", tmp.resolve("d").toString(), "--param", "queueDepth=0"),
                "queueDepth 0 must be between 1 and 1024");
    }

    @Test
    void aGoodDirectoryPlansAndTheDryRunWritesNothing() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        CliCapture c = CliCapture.run("run", "--dry-run", "--only", "storage.*", "--dir", tmp.resolve("d").toString(),
                "--out", tmp.resolve("b").toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("storage.randread"), c.out());
        try (Stream<Path> s = Files.list(tmp.resolve("d"))) {
            assertEquals(0, s.count());
        }
    }
}
