package org.assay.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCommandTest {

    @TempDir
    Path root;

    /** A two-CPU tree like the EPYC guest, just enough for every section to have something. */
    private void fixture() throws IOException {
        write("sys/devices/system/cpu/online", "0-1");
        for (int c = 0; c < 2; c++) {
            String t = "sys/devices/system/cpu/cpu" + c + "/";
            write(t + "topology/physical_package_id", "0");
            write(t + "topology/core_id", "" + c);
            write(t + "topology/core_cpus_list", "" + c);
            write(t + "cache/index0/level", "1");
            write(t + "cache/index0/type", "Data");
            write(t + "cache/index0/size", "32K");
            write(t + "cache/index0/shared_cpu_list", "" + c);
            write(t + "cache/index3/level", "3");
            write(t + "cache/index3/type", "Unified");
            write(t + "cache/index3/size", "32768K");
            write(t + "cache/index3/shared_cpu_list", "0-1");
        }
        write("sys/devices/system/node/node0/cpulist", "0-1");
        write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2596.136\n"
                + "flags\t\t: tsc constant_tsc hypervisor\n");
        write("proc/meminfo", "MemTotal: 1024000 kB\nMemAvailable: 512000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
        write("proc/self/status", "Cpus_allowed_list:\t0-1\n");
        write("sys/class/net/eth0/speed", "-1");
        write("sys/class/net/eth0/type", "1");
    }

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content + "\n");
    }

    @Test
    void textTableHasEverySectionForAFixtureRoot() throws IOException {
        fixture();
        CliCapture r = CliCapture.run("inventory", "--root", root.toString(), "--no-oshi");
        assertEquals(0, r.exitCode(), r.err());
        for (String section : new String[] {"CPU", "Caches", "NUMA", "Memory", "Disks", "Filesystems", "NICs",
                "OS/JVM", "Virtualization", "Container limits", "Allowed CPUs"}) {
            assertTrue(r.out().contains("\n" + section + "\n"), "section " + section + " in\n" + r.out());
        }
        assertTrue(r.out().contains("L3   32 MiB × 1 = 32 MiB"), r.out());
        assertTrue(r.out().contains("shared by all 2 CPUs: 0-1"), r.out());
        assertTrue(r.out().contains("L1d  32 KiB × 2 = 64 KiB"), r.out());
        assertTrue(r.out().contains("speed unknown"), r.out());
        assertTrue(r.out().contains("not the running clock"), r.out());
    }

    @Test
    void jsonIsTheInventoryRecord() throws IOException {
        fixture();
        CliCapture r = CliCapture.run("inventory", "--json", "--root", root.toString(), "--no-oshi");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("AMD EPYC", json.at("/cpu/name").asText());
        assertEquals(33554432L, json.at("/caches/1/sizeBytes").asLong());
        assertTrue(json.at("/nics/0/speedMbps").isNull());
        assertEquals(1, json.at("/allowedCpus/cpus/1").asInt());
    }

    @Test
    void rootThatIsNotADirectoryIsBadInput() {
        CliCapture r = CliCapture.run("inventory", "--root", root.resolve("nope").toString());
        assertEquals(Main.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("not a directory"), r.err());
    }

    @Test
    void liveInventoryPrintsAndReportsItsTime() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/cpu")), "not Linux with sysfs");
        long t0 = System.nanoTime();
        CliCapture r = CliCapture.run("inventory");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("assay inventory (in-process, live): " + ms + " ms");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(sysfs/procfs + OSHI)"), r.out());
    }
}
