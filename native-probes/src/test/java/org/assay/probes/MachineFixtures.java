package org.assay.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The captured machine trees under src/test/resources, named after the machine:
 * {@code xeon-6248-bare} (Cascade Lake-SP, powercap + MSRs + coretemp + intel_pstate) and
 * {@code epyc-7r13-bare} (Zen 3 Milan, MSRs + k10temp + acpi-cpufreq, no powercap zones as on
 * kernels before AMD RAPL reached powercap). MSR and CPUID nodes use the {@link RegisterFixture}
 * text form; every other file is what the kernel shows.
 */
final class MachineFixtures {
    static final String XEON = "xeon-6248-bare";
    static final String EPYC = "epyc-7r13-bare";

    private MachineFixtures() {
    }

    static Path root(String name) {
        try {
            return Path.of(MachineFixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private copy, for tests that change files (a counter that moves, a driver that goes away). */
    static Path copy(String name, Path dir) {
        Path src = root(name);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dst = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
