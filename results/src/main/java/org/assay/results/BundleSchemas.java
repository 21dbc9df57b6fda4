package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas (draft 2020-12) of {@code run.json} and of one {@code results.jsonl} line,
 * one pair per bundle schema version, shipped beside this class as
 * {@code schema/v<N>/run.schema.json} and {@code schema/v<N>/result.schema.json}. They say what
 * the records ({@link RunManifest}, {@link InvocationResult}) write: required keys, types,
 * enumerations, nullability; unknown fields are allowed, because adding one is not a schema
 * change. {@link BundleVerifier} checks a bundle against the pair of its own version, so a value
 * edited by hand (and the sums recomputed) is still caught when it is the wrong kind of value.
 */
public final class BundleSchemas {

    public static final String RUN = "run.schema.json";
    public static final String RESULT = "result.schema.json";

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private BundleSchemas() {
    }

    /** The resource path of a schema, e.g. {@code schema/v1/run.schema.json} beside this class. */
    public static String resource(int version, String name) {
        return "schema/v" + version + "/" + name;
    }

    /** The schema's text, for tools that want to check a file themselves; null for an unknown version. */
    public static InputStream open(int version, String name) {
        return BundleSchemas.class.getResourceAsStream(resource(version, name));
    }

    /** Each violation of the {@code run.json} schema of {@code version}, one line each; empty when it conforms. */
    public static List<String> checkRun(JsonNode tree, int version) {
        return check(schema(version, RUN), tree);
    }

    /** Each violation of the result-line schema of {@code version}, one line each; empty when it conforms. */
    public static List<String> checkResult(JsonNode tree, int version) {
        return check(schema(version, RESULT), tree);
    }

    private static Schema schema(int version, String name) {
        return CACHE.computeIfAbsent(resource(version, name), r -> {
            try (InputStream in = BundleSchemas.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException(r + " is missing from the results jar: every schema version "
                            + "up to " + BundleFormat.SCHEMA_VERSION + " ships its schemas");
                }
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> check(Schema schema, JsonNode tree) {
        // anyOf/if-then report one error per branch at the same node; one line per node is enough,
        // and the deepest node first names the field that is actually wrong.
        List<Error> errors = new ArrayList<>(schema.validate(tree));
        errors.sort(Comparator.comparingInt((Error e) -> -e.getInstanceLocation().getNameCount()));
        Set<String> seenPlaces = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        for (Error e : errors) {
            String where = where(e);
            if (seenPlaces.add(where)) {
                lines.add(where + ": " + message(e));
            }
        }
        return lines;
    }

    /** {@code $.plan[0].threads} as {@code plan[0].threads}, the way docs/result-format.md names fields. */
    private static String where(Error e) {
        StringBuilder sb = new StringBuilder();
        var path = e.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer) {
                sb.append('[').append(element).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(element);
            }
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            sb.append(sb.length() == 0 ? "" : ".").append(e.getProperty());
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String message(Error e) {
        if ("required".equals(e.getKeyword())) {
            return "missing";
        }
        String message = e.getMessage();
        // The library starts its message with the instance location; say it once, our way.
        int colon = message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            message = message.substring(colon + 2);
        }
        JsonNode value = e.getInstanceNode();
        return value != null && value.isValueNode() ? value + ": " + message : message;
    }
}
