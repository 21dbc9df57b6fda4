package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field paths a bundle holds, compared with {@code bundle-fields.txt}: readers of run.json and
 * results.jsonl depend on those names, so a refactoring that renames or drops one must fail a test
 * rather than a user's script. Objects keyed by workload or machine (params, secondary, settings)
 * are collapsed, and a golden path under a list that is empty in this run (no caches on a guest
 * without cacheinfo) is not demanded.
 */
final class BundleFieldSet {
    private static final Set<String> DYNAMIC = Set.of("params", "secondary", "settings");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BundleFieldSet() {
    }

    /** The differences between the bundle and the golden list; empty when they agree. */
    static List<String> differences(Path bundle) throws IOException {
        Set<String> golden = new TreeSet<>();
        try (InputStream in = BundleFieldSet.class.getResourceAsStream("/bundle-fields.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    golden.add(line.strip());
                }
            }
        }
        JsonNode run = MAPPER.readTree(bundle.resolve("run.json").toFile());
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(bundle.resolve("results.jsonl"))) {
            if (!line.isBlank()) {
                results.add(MAPPER.readTree(line));
            }
        }
        Set<String> actual = new TreeSet<>();
        paths(run, "", "run.json ", actual);
        results.forEach(r -> paths(r, "", "results.jsonl ", actual));

        List<String> diffs = new ArrayList<>();
        for (String g : golden) {
            if (g.startsWith("file ") || g.startsWith("file? ")) {
                String name = g.substring(g.indexOf(' ') + 1);
                if (g.startsWith("file ") && !Files.exists(bundle.resolve(name))) {
                    diffs.add("missing file " + name);
                }
                continue;
            }
            if (!actual.contains(g) && !underEmptyList(g, run, results)) {
                diffs.add("missing " + g);
            }
        }
        for (String a : actual) {
            if (!golden.contains(a)) {
                diffs.add("not in bundle-fields.txt: " + a);
            }
        }
        try (var files = Files.list(bundle)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> !golden.contains("file " + n) && !golden.contains("file? " + n))
                    .forEach(n -> diffs.add("file not in bundle-fields.txt: " + n));
        }
        return diffs;
    }

    private static void paths(JsonNode node, String path, String prefix, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                if (DYNAMIC.contains(e.getKey()) && e.getValue().isObject()) {
                    out.add(prefix + p + "/*");
                    continue;
                }
                out.add(prefix + p);
                paths(e.getValue(), p, prefix, out);
            }
        } else if (node.isArray()) {
            node.forEach(v -> paths(v, path + "/[]", prefix, out));
        }
    }

    /** True when some list on the golden path is empty (or absent) in every document of that file. */
    private static boolean underEmptyList(String golden, JsonNode run, List<JsonNode> results) {
        String file = golden.substring(0, golden.indexOf(' '));
        String path = golden.substring(golden.indexOf(' ') + 1);
        int cut = path.indexOf("/[]");
        if (cut < 0) {
            return false;
        }
        String listPointer = path.substring(0, cut);
        List<JsonNode> docs = file.equals("run.json") ? List.of(run) : results;
        return docs.stream().map(d -> d.at(listPointer)).allMatch(n -> n.isMissingNode() || n.isEmpty());
    }
}
