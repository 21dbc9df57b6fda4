package org.assay.profiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A resolved, schema-valid tree to a {@link Profile}. The schema has checked every type, so nothing here guesses. */
final class ProfileBinder {

    private static final ObjectMapper SPEC = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ProfileBinder() {
    }

    static Profile bind(ObjectNode tree, List<String> lineage, String origin) {
        try {
            Map<String, String> sources = new TreeMap<>();
            tree.path("sources").fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
            VendorSpec spec = tree.has("spec") ? SPEC.treeToValue(tree.get("spec"), VendorSpec.class) : VendorSpec.EMPTY;
            List<ExpectedResult> expected = new ArrayList<>();
            for (JsonNode e : tree.path("expected")) {
                expected.add(new ExpectedResult(ProfileMerge.key(e), e.get("value").asDouble(), e.get("unit").asText(),
                        e.has("spread") ? e.get("spread").asDouble() : null,
                        e.has("runs") ? e.get("runs").asInt() : null));
            }
            return new Profile(tree.get("id").asText(), ProfileKind.fromYaml(tree.get("kind").asText()),
                    tree.has("description") ? tree.get("description").asText() : null,
                    tree.has("extends") ? tree.get("extends").asText() : null,
                    lineage, origin, sources, spec, expected, acceptance(tree.path("acceptance")),
                    BurnInThresholds.of(tree.get("burnIn")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The schema and the records disagree: a defect here, not in the profile.
            throw new IllegalStateException("profile schema and VendorSpec disagree: " + e.getOriginalMessage(), e);
        }
    }

    private static AcceptanceRules acceptance(JsonNode node) {
        if (node.isMissingNode()) {
            return AcceptanceRules.NONE;
        }
        Map<String, AcceptanceRules.CategoryDefault> defaults = new LinkedHashMap<>();
        node.path("defaults").fields().forEachRemaining(e -> defaults.put(e.getKey(),
                new AcceptanceRules.CategoryDefault(bound(e.getValue().get("min")), bound(e.getValue().get("max")))));
        List<AcceptanceRule> rules = new ArrayList<>();
        for (JsonNode r : node.path("rules")) {
            rules.add(new AcceptanceRule(ProfileMerge.key(r), bound(r.get("min")), bound(r.get("max"))));
        }
        return new AcceptanceRules(defaults, rules);
    }

    private static Bound bound(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.has("unit")) {
            return Bound.absolute(node.get("value").asDouble(), node.get("unit").asText());
        }
        String of = node.get("share-of").asText();
        double fraction = node.get("fraction").asDouble();
        return Bound.EXPECTED.equals(of) ? Bound.shareOfExpected(fraction) : Bound.shareOfLimit(of, fraction);
    }
}
