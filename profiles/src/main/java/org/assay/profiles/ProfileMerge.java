package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a profile inherits from the one it extends (documented in docs/profiles.md, "Inheritance"):
 * <ul>
 *   <li>{@code id}, {@code kind}, {@code description} and {@code extends} are never inherited;</li>
 *   <li>mappings ({@code sources}, {@code spec} and its sections, {@code acceptance.defaults})
 *       merge key by key, recursively: the child's value wins, and a child's {@code null}
 *       removes the parent's value (as in JSON Merge Patch, RFC 7386);</li>
 *   <li>{@code expected} and {@code acceptance.rules} merge by metric and parameters: a child
 *       entry replaces the parent's entry with the same key, other entries of both are kept
 *       (parent's first);</li>
 *   <li>any other value (a scalar, a list) from the child replaces the parent's.</li>
 * </ul>
 */
final class ProfileMerge {

    private static final Set<String> OWN = Set.of("id", "kind", "description", "extends");

    private ProfileMerge() {
    }

    /** The child merged over the parent; neither is changed. Nulls are kept for the next level and dropped by {@link #clean}. */
    static ObjectNode merge(ObjectNode parent, ObjectNode child) {
        ObjectNode out = child.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!OWN.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = child.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode mine = e.getValue();
            JsonNode theirs = out.get(key);
            if (key.equals("expected")) {
                out.set(key, byMetricKey(theirs, mine));
            } else if (key.equals("acceptance") && mine instanceof ObjectNode a && theirs instanceof ObjectNode b) {
                ObjectNode merged = deep(b, a);
                if (a.has("rules")) {
                    merged.set("rules", byMetricKey(b.get("rules"), a.get("rules")));
                }
                out.set(key, merged);
            } else if (mine instanceof ObjectNode m && theirs instanceof ObjectNode t) {
                out.set(key, deep(t, m));
            } else {
                out.set(key, mine.deepCopy());
            }
        }
        return out;
    }

    private static ObjectNode deep(ObjectNode parent, ObjectNode child) {
        ObjectNode out = parent.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = child.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode theirs = out.get(e.getKey());
            if (e.getValue() instanceof ObjectNode m && theirs instanceof ObjectNode t) {
                out.set(e.getKey(), deep(t, m));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    private static JsonNode byMetricKey(JsonNode parent, JsonNode child) {
        if (!(child instanceof ArrayNode c)) {
            return child == null ? null : child.deepCopy();
        }
        if (!(parent instanceof ArrayNode p)) {
            return c.deepCopy();
        }
        Map<MetricKey, JsonNode> entries = new LinkedHashMap<>();
        p.forEach(e -> entries.put(key(e), e.deepCopy()));
        c.forEach(e -> entries.put(key(e), e.deepCopy()));
        ArrayNode out = c.arrayNode();
        entries.values().forEach(out::add);
        return out;
    }

    static MetricKey key(JsonNode entry) {
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = entry.get("params");
        if (p != null) {
            p.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        }
        return MetricKey.of(entry.path("metric").asText(), params);
    }

    /** The tree without null entries, once nothing is left to inherit. */
    static ObjectNode clean(ObjectNode tree) {
        return (ObjectNode) ProfileReader.withoutNulls(tree);
    }
}
