package org.assay.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbesCsvTest {

    private static final List<ProbeSample> FIRST = List.of(
            new ProbeSample("2026-11-22T10:15:04.000Z", "rapl.energy", "package0", 1234.5678, "J"),
            new ProbeSample("2026-11-22T10:15:04.000Z", "thermal.temperature", "cpu0", 71.25, "°C"),
            new ProbeSample("2026-11-22T10:15:04.000Z", "cpufreq.frequency", "cpu1", 3.5E9, "Hz"));
    private static final List<ProbeSample> SECOND = List.of(
            new ProbeSample("2026-11-22T10:15:05.000Z", "msr.throttle", "", Double.NaN, "events"),
            new ProbeSample("2026-11-22T10:15:05.000Z", "load, 1 min", "", 0.0, "\"tasks\""));

    // Golden text: a decimal comma or a "NaN"/"0" for the missing value would show here.
    private static final String GOLDEN = """
            timestamp,probe,scope,value,unit
            2026-11-22T10:15:04.000Z,rapl.energy,package0,1234.5678,J
            2026-11-22T10:15:04.000Z,thermal.temperature,cpu0,71.25,°C
            2026-11-22T10:15:04.000Z,cpufreq.frequency,cpu1,3.5E9,Hz
            2026-11-22T10:15:05.000Z,msr.throttle,,,events
            2026-11-22T10:15:05.000Z,"load, 1 min",,0.0,\"""tasks\"""
            """;

    @TempDir
    Path tmp;

    @Test
    void probesCsvIsLocaleProof() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals(GOLDEN, writeProbes(tmp.resolve("de")));
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"und", "en-US", "ru-RU", "ar-SA"})
    void probesCsvIsTheSameInEveryLocale(String tag) throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            assertEquals(GOLDEN, writeProbes(tmp.resolve(tag)));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void unreadableValueIsAnEmptyCellNotZero() {
        assertEquals("t,p,cpu0,,W\n", ProbesCsv.row(new ProbeSample("t", "p", "cpu0", Double.NaN, "W")));
        assertEquals("t,p,cpu0,0.0,W\n", ProbesCsv.row(new ProbeSample("t", "p", "cpu0", 0.0, "W")));
    }

    private String writeProbes(Path dir) throws IOException {
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.appendProbeSamples(FIRST);
            w.appendProbeSamples(List.of());
            w.appendProbeSamples(SECOND);
        }
        return Files.readString(dir.resolve(BundleFormat.PROBES_CSV), StandardCharsets.UTF_8);
    }
}
