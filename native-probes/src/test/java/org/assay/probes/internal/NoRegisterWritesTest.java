package org.assay.probes.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probes never write to hardware registers (docs/probes.md, Least privilege): a write to
 * /dev/cpu/N/msr can change clocks, power limits or fan control, and taints the kernel. Three
 * checks, each of which a write path would fail: the native surface has no writing call, the one
 * open() passes read-only flags whose values carry no write bit, and no source of this module
 * holds a write-mode flag, a writing file API, a raw syscall or an ioctl other than perf's.
 */
class NoRegisterWritesTest {

    private static final Path MAIN = Path.of("src", "main", "java");

    @Test
    void theNativeSurfaceHasNoWritingCall() {
        Set<String> methods = Arrays.stream(LibC.C.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("close", "ioctl", "open", "pread", "read", "syscall")), methods,
                "a method added to LibC.C must be reviewed here: no write, pwrite, mmap or the like");
    }

    @Test
    void theOpenFlagsCarryNoWriteBit() {
        // O_ACCMODE is 3: O_WRONLY 1, O_RDWR 2
        assertEquals(0, LibC.O_RDONLY & 3);
        assertEquals(0, LibC.O_CLOEXEC & 3);
        assertEquals(0, (LibC.O_RDONLY | LibC.O_CLOEXEC) & 3);
    }

    @Test
    void noProbeSourceCanWrite() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() > 20, "scanned " + sources.size() + " files under " + MAIN.toAbsolutePath());
        assertTrue(sources.stream().anyMatch(p -> p.endsWith("LibC.java")), "LibC.java is among them");
        List<String> violations = new ArrayList<>();
        for (Path p : sources) {
            violations.addAll(RegisterWriteScan.violations(MAIN.relativize(p).toString(), Files.readString(p)));
        }
        assertEquals(List.of(), violations);
        // the scan saw the calls it vets: one read-only open, the perf syscall and its reset ioctl
        String libc = Files.readString(MAIN.resolve("org/assay/probes/internal/LibC.java"));
        assertTrue(RegisterWriteScan.withoutComments(libc).contains("lib.open(path, O_RDONLY | O_CLOEXEC);"));
    }

    @Test
    void theScanCatchesEachWayOfWriting() {
        // fed wrong answers: each of these must be reported
        List<String> writes = List.of(
                "int fd = lib.open(path, O_RDWR);",
                "int fd = lib.open(path, 2);",
                "int fd = lib.open(\"/dev/cpu/0/msr\", O_WRONLY | O_CLOEXEC);",
                "lib.pwrite(fd, buf, 8, 0x1a0);",
                "long n = lib.write(fd, buf, 8);",
                "try (var f = new RandomAccessFile(\"/dev/cpu/0/msr\", \"rw\")) {}",
                "Files.write(Path.of(\"/dev/cpu/0/msr\"), bytes);",
                "FileChannel.open(dev, StandardOpenOption.WRITE);",
                "new FileOutputStream(\"/dev/cpu/0/msr\");",
                "c.syscall(18L, fd, buf, 8L, 0x1a0L);",   // SYS_pwrite64
                "lib.ioctl(fd, new NativeLong(0xc02063a1L), regs);",
                "lib.ioctl(fd, request, 0);");
        for (String w : writes) {
            assertFalse(RegisterWriteScan.violations("X.java", "class X { void f() { " + w + " } }").isEmpty(),
                    "not caught: " + w);
        }
        // and the code as it is passes, also with its explanations in comments
        assertEquals(List.of(), RegisterWriteScan.violations("X.java",
                "class X { /* no pwrite, no O_RDWR */ void f() { fd = lib.open(path, O_RDONLY | O_CLOEXEC); // not pwrite\n"
                        + " c.syscall(LibC.SYS_PERF_EVENT_OPEN, attr, 0L); LibC.c().ioctl(fd, new NativeLong(0x2403), 0); } }"));
    }
}
