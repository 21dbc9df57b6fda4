package org.assay.profiles;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example in docs/profiles.md is a profile that reads, validates and resolves, so the page cannot drift from the schema. */
class DocumentedExampleTest {

    @Test
    void theFieldByFieldExampleIsAValidProfile() throws Exception {
        Path doc = Path.of("..", "docs", "profiles.md");
        String text = Files.readString(doc);
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), "no yaml example in " + doc);
        ProfileLibrary library = ProfileLibrary.shipped(MetricCatalog.of(java.util.List.of("cpu.dgemm", "memory.bandwidth.triad")));
        String id = library.addText(doc.toString(), m.group(1));
        Profile p = library.resolve(id);
        assertEquals(java.util.List.of("lab-box", "intel-xeon-gold-6248"), p.lineage());
        // 2 x 20 x 2.5 GHz x 32 = 3200 GFLOP/s, as the page's worked numbers say
        assertEquals(3200.0, p.limits().get(SpecLimits.FP64_PEAK).orElseThrow().value());
    }
}
