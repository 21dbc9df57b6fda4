package org.assay.probes.internal;

import org.assay.probes.PerfCounterProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegisterFixtureTest {

    @Test
    void neighbouringRegistersDoNotOverlapAndAnUnlistedOneAnswersEio(@TempDir Path dir) throws IOException {
        Path msr = dir.resolve("dev/cpu/0/msr");
        Files.createDirectories(msr.getParent());
        Files.writeString(msr, "0x610 0x42820800218208\n0x611 0x1 0x2\n");
        MsrReader r = new MsrReader(dir);
        assertEquals(0x42820800218208L, r.read(0, 0x610));
        assertEquals(1, r.read(0, 0x611));
        assertEquals(2, r.read(0, 0x611));
        assertEquals(2, r.read(0, 0x611), "the last value repeats");
        ProbeIoException e = assertThrows(ProbeIoException.class, () -> r.read(0, 0x612));
        assertEquals(ProbeIoException.EIO, e.errno());
        ProbeIoException missing = assertThrows(ProbeIoException.class, () -> r.read(1, 0x611));
        assertEquals(ProbeIoException.ENOENT, missing.errno());
    }

    /** The live path: a real pread through JNA at offset = register, decoded little-endian. */
    @Test
    void preadDecodesEightLittleEndianBytesAtTheRegisterOffset(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sparse");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(0x606);
            raf.write(new byte[] {0x03, 0x0e, 0x0a, 0, 0, 0, 0, 0});
        }
        assertEquals(0x000a0e03L, LibC.le64(LibC.pread(f.toString(), 0x606, 8), 0));
        assertArrayEquals(new byte[] {0x0e, 0x0a}, java.util.Arrays.copyOf(LibC.pread(f.toString(), 0x607, 2), 2));
        ProbeIoException shortRead = assertThrows(ProbeIoException.class, () -> LibC.pread(f.toString(), 0x700, 8));
        assertEquals(ProbeIoException.EIO, shortRead.errno());
        ProbeIoException enoent = assertThrows(ProbeIoException.class, () -> LibC.pread(dir.resolve("nope").toString(), 0, 8));
        assertEquals(ProbeIoException.ENOENT, enoent.errno());
    }

    @Test
    void perfEventScalingReportsNeverRunAsNaN() {
        assertEquals(100.0, PerfEvents.scaled(100, 10, 10));
        assertEquals(200.0, PerfEvents.scaled(100, 10, 5), "multiplexed half the time");
        assertEquals(Double.NaN, PerfEvents.scaled(0, 10, 0));
        assertEquals(2.0, PerfCounterProbe.ipc(200.0, 100.0));
        assertEquals(Double.NaN, PerfCounterProbe.ipc(200.0, Double.NaN));
    }
}
