package org.assay.harness;

import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.RunManifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The files and directories the rows of docs/bad-input.md name as {@code {name}}: each made
 * fresh in the case's own directory, only when its row uses it. Bundles are written by the real
 * {@link BundleWriter} (through {@link JudgeBundles}) and then damaged the way a row says.
 */
final class BadInputFixtures {

    interface Maker {
        Path make(Path dir) throws Exception;
    }

    private static final Map<String, Maker> MAKERS = new LinkedHashMap<>();

    /** A profile that reads cleanly, to build the bad ones from. */
    static final String GOOD_PROFILE = """
            id: box
            kind: golden-machine
            spec:
              cpu: { sockets: 1, cores-per-socket: 4 }
            expected:
              - { metric: cpu.dgemm, params: { n: 512 }, value: 10.5, unit: GFLOP/s, spread: 0.2, runs: 3 }
            """;

    static {
        MAKERS.put("file", d -> Files.writeString(d.resolve("plain-file"), "not a directory\n"));
        MAKERS.put("nonempty-dir", d -> {
            Path p = Files.createDirectories(d.resolve("nonempty"));
            Files.writeString(p.resolve("keep.txt"), "mine\n");
            return p;
        });
        MAKERS.put("empty-dir", d -> Files.createDirectories(d.resolve("empty")));

        MAKERS.put("bundle", d -> JudgeBundles.write(d.resolve("bundle"), JudgeBundles.results(10, 80)));
        MAKERS.put("bundle2", d -> JudgeBundles.write(d.resolve("bundle2"), JudgeBundles.results(11, 79)));
        MAKERS.put("bundle-tampered", d -> {
            Path b = JudgeBundles.write(d.resolve("tampered"), JudgeBundles.results(10, 80));
            JudgeBundles.edit(b, "\"score\":10.0", "\"score\":99.0", false);
            return b;
        });
        MAKERS.put("bundle-tampered-resummed", d -> {
            Path b = JudgeBundles.write(d.resolve("tampered"), JudgeBundles.results(10, 80));
            JudgeBundles.edit(b, "\"score\":10.0", "\"score\":\"99 GFLOP/s\"", true);
            return b;
        });
        MAKERS.put("bundle-truncated", d -> {
            Path b = JudgeBundles.write(d.resolve("truncated"), JudgeBundles.results(10, 80));
            Path results = b.resolve(BundleFormat.RESULTS_JSONL);
            String text = Files.readString(results);
            Files.writeString(results, text.substring(0, text.length() - 30));
            return b;
        });
        MAKERS.put("bundle-truncated-resummed", d -> {
            Path b = JudgeBundles.write(d.resolve("truncated"), JudgeBundles.results(10, 80));
            Path results = b.resolve(BundleFormat.RESULTS_JSONL);
            String text = Files.readString(results);
            int cut = text.indexOf('\n') + 40;       // the second of three lines, cut mid-object
            Files.writeString(results, text.substring(0, cut) + "\n" + text.substring(text.indexOf('\n', cut) + 1));
            JudgeBundles.edit(b, "", "", true);
            return b;
        });
        MAKERS.put("bundle-missing-file", d -> {
            Path b = JudgeBundles.write(d.resolve("missing"), JudgeBundles.results(10, 80));
            Files.delete(b.resolve(BundleFormat.RESULTS_JSONL));
            return b;
        });
        MAKERS.put("bundle-added-file", d -> {
            Path b = JudgeBundles.write(d.resolve("added"), JudgeBundles.results(10, 80));
            Files.writeString(b.resolve("notes.txt"), "added after the run\n");
            return b;
        });
        MAKERS.put("bundle-symlink", d -> {
            Path b = JudgeBundles.write(d.resolve("linked"), JudgeBundles.results(10, 80));
            Files.createSymbolicLink(b.resolve("elsewhere.txt"), Files.writeString(d.resolve("outside.txt"), "not the bundle's\n"));
            return b;
        });
        MAKERS.put("bundle-results-symlink", d -> {
            Path b = JudgeBundles.write(d.resolve("linked"), JudgeBundles.results(10, 80));
            Path away = d.resolve("results-elsewhere.jsonl");
            Files.move(b.resolve(BundleFormat.RESULTS_JSONL), away);
            Files.createSymbolicLink(b.resolve(BundleFormat.RESULTS_JSONL), away);
            return b;
        });
        MAKERS.put("bundle-future", d -> {
            Path b = JudgeBundles.write(d.resolve("future"), JudgeBundles.results(10, 80));
            Path run = b.resolve(BundleFormat.RUN_JSON);
            Files.writeString(run, Files.readString(run).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));
            JudgeBundles.edit(b, "", "", true);
            return b;
        });
        MAKERS.put("bundle-no-version", d -> {
            Path b = JudgeBundles.write(d.resolve("noversion"), JudgeBundles.results(10, 80));
            Path run = b.resolve(BundleFormat.RUN_JSON);
            Files.writeString(run, Files.readString(run).replace("\"schemaVersion\" : 1,", ""));
            JudgeBundles.edit(b, "", "", true);
            return b;
        });
        MAKERS.put("bundle-wrong-status", d -> {
            Path b = JudgeBundles.write(d.resolve("status"), JudgeBundles.results(10, 80));
            Path run = b.resolve(BundleFormat.RUN_JSON);
            Files.writeString(run, Files.readString(run).replace("\"status\" : \"complete\"", "\"status\" : \"excellent\""));
            JudgeBundles.edit(b, "", "", true);
            return b;
        });
        MAKERS.put("bundle-unfinished", d -> {
            Path b = d.resolve("unfinished");
            RunManifest m = RunManifest.builder().assayVersion("0.1.0").host("testhost").suite("quick")
                    .start("2026-12-01T10:00:00Z").build();
            try (BundleWriter w = BundleWriter.create(b, m)) {
                w.append(JudgeBundles.results(10, 80).get(0));
            }
            return b;
        });
        MAKERS.put("bundle-run-json-not-json", d -> {
            Path b = JudgeBundles.write(d.resolve("broken"), JudgeBundles.results(10, 80));
            Files.writeString(b.resolve(BundleFormat.RUN_JSON), "{\"schemaVersion\": 1, \"host\": ");
            return b;
        });

        yaml("yaml-good", GOOD_PROFILE);
        yaml("yaml-syntax", "id: box\nkind: golden-machine\nspec:\n  cpu: { sockets: 1\n");
        StringBuilder bomb = new StringBuilder("id: bomb\nkind: golden-machine\nsources:\n");
        bomb.append("  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        yaml("yaml-billion-laughs", bomb.toString());
        yaml("yaml-java-tag", "id: box\nkind: golden-machine\ndescription: !!java.net.URL [\"http://example.invalid/\"]\n");
        yaml("yaml-custom-tag", "id: box\nkind: golden-machine\nspec: !ruby/object:Gem::Installer\n  i: x\n");
        yaml("yaml-huge-float", GOOD_PROFILE.replace("value: 10.5", "value: 1e400"));
        yaml("yaml-huge-int", GOOD_PROFILE.replace("sockets: 1", "sockets: 99999999999999999999999"));
        yaml("yaml-negative", GOOD_PROFILE.replace("sockets: 1", "sockets: -2"));
        yaml("yaml-wrong-unit", GOOD_PROFILE.replace("unit: GFLOP/s", "unit: GB/s"));
        yaml("yaml-unit-in-number", GOOD_PROFILE.replace("value: 10.5", "value: 10.5 GFLOP/s"));
        yaml("yaml-unknown-field", GOOD_PROFILE.replace("sockets: 1", "sockets: 1, base-ghx: 2.4"));
        yaml("yaml-unknown-metric", GOOD_PROFILE.replace("metric: cpu.dgemm", "metric: cpu.dgem"));
        yaml("yaml-duplicate-key", "id: box\nkind: golden-machine\nid: other\n");
        yaml("yaml-two-documents", "id: a\nkind: vendor-spec\n---\nid: b\nkind: vendor-spec\n");
        yaml("yaml-empty", "");
        yaml("yaml-not-a-mapping", "- just\n- a list\n");
        yaml("yaml-deep", "id: box\nkind: golden-machine\nsources:\n  x: " + "[".repeat(40) + "]".repeat(40) + "\n");
        yaml("yaml-merge-key", "id: box\nkind: golden-machine\nspec:\n  cpu: &c { sockets: 1 }\n  memory:\n    <<: *c\n");
        yaml("yaml-count-beyond-int", GOOD_PROFILE.replace("sockets: 1", "sockets: 9999999999"));
        yaml("yaml-missing-kind", "id: box\n");
        MAKERS.put("yaml-huge-file", d -> Files.writeString(d.resolve("huge.yaml"),
                "id: box\nkind: golden-machine\ndescription: \"" + "x".repeat(300 * 1024) + "\"\n"));
        MAKERS.put("yaml-binary", d -> Files.write(d.resolve("binary.yaml"),
                new byte[]{(byte) 0xff, (byte) 0xfe, 0, 0x69, 0x64, 0x3a, (byte) 0xc3, 0x28}));
        MAKERS.put("yaml-cycle", d -> {
            Files.writeString(d.resolve("cycle-b.yaml"), "id: cycle-b\nkind: golden-machine\nextends: cycle-a\n");
            return Files.writeString(d.resolve("cycle-a.yaml"), "id: cycle-a\nkind: golden-machine\nextends: cycle-b\n");
        });
        MAKERS.put("yaml-self-extends", d -> Files.writeString(d.resolve("self.yaml"),
                "id: self\nkind: golden-machine\nextends: self\n"));
        MAKERS.put("yaml-extends-missing", d -> Files.writeString(d.resolve("orphan.yaml"),
                "id: orphan\nkind: golden-machine\nextends: no-such-parent\n"));
    }

    private static void yaml(String name, String text) {
        MAKERS.put(name, d -> Files.writeString(d.resolve(name.substring("yaml-".length()) + ".yaml"), text,
                StandardCharsets.UTF_8));
    }

    private BadInputFixtures() {
    }

    static Set<String> names() {
        return MAKERS.keySet();
    }

    static Path make(String name, Path dir) throws Exception {
        Maker m = MAKERS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no fixture {" + name + "}; known: " + MAKERS.keySet());
        }
        return m.make(dir);
    }
}
