package org.assay.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kubernetes manifests in deploy/k8s against the Kubernetes API's own schema, and the
 * properties docs/fleet.md promises of the Jobs (Indexed, one instance type each, one pod per
 * node, Guaranteed QoS with whole CPUs).
 *
 * <p>The schema: fabric8's {@code kubernetes-model-validator} (Maven Central), which validates a
 * resource against the OpenAPI schema generated from the Kubernetes API types, the same types
 * the API server's own OpenAPI document is generated from; unknown fields are errors (as with
 * {@code kubectl --validate=strict}), and so are wrong types, missing required fields and
 * values outside an enum. Chosen over the alternatives because it is the most faithful one
 * reachable here: the per-kind JSON schemas converted from the OpenAPI document
 * (kubernetes-json-schema) are on no registry this build can use, fabric8's Java model
 * classes would accept any string where the API has an enum, and {@code kubectl apply
 * --dry-run=client} needs an API server even for client-side dry runs (it asks for the
 * server's resource list first). A kind the validator does not know passes it silently, so
 * every document's kind must also be one of {@link #KINDS}.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path K8S = REPO.resolve("deploy/k8s");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds deploy/k8s may contain: each one the validator has a schema for. */
    static final Set<String> KINDS = Set.of("batch/v1 Job", "v1 PersistentVolumeClaim", "v1 Namespace",
            "apps/v1 Deployment", "v1 Service");

    static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    private static Validator validator;

    @BeforeAll
    static void loadSchema() {
        validator = Validator.newInstance();
    }

    @Test
    void everyManifestFileMatchesTheKubernetesSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 4, "manifests found: " + files);
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode doc : documents(Files.readString(f))) {
                errors.addAll(schemaErrors(doc).stream().map(e -> K8S.relativize(f) + ": " + e).toList());
            }
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    /** What {@code kubectl apply -k deploy/k8s} would send: every object valid, and the Jobs as docs/fleet.md says. */
    @Test
    void theRenderedFleetIsValidAndHasOneGuaranteedIndexedJobPerInstanceType() throws Exception {
        List<JsonNode> objects = documents(kustomize(K8S));
        List<String> errors = new ArrayList<>();
        for (JsonNode o : objects) {
            errors.addAll(schemaErrors(o));
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));

        List<JsonNode> jobs = objects.stream().filter(o -> o.path("kind").asText().equals("Job")).toList();
        assertEquals(3, jobs.size(), "one Job per instance type");
        Set<String> instanceTypes = new HashSet<>();
        for (JsonNode job : jobs) {
            List<String> problems = jobProblems(job);
            assertTrue(problems.isEmpty(), job.path("metadata").path("name").asText() + ": " + problems);
            instanceTypes.add(job.at("/spec/template/spec/nodeSelector").path(INSTANCE_TYPE_LABEL).asText());
        }
        assertEquals(Set.of("m7i.2xlarge", "c7a.2xlarge", "c7i.2xlarge"), instanceTypes);
        JsonNode pvc = objects.stream().filter(o -> o.path("kind").asText().equals("PersistentVolumeClaim"))
                .findFirst().orElseThrow();
        assertEquals("ReadWriteMany", pvc.at("/spec/accessModes/0").asText(), "pods on many nodes write to it at once");
        for (JsonNode job : jobs) {
            assertEquals(pvc.at("/metadata/name").asText(),
                    job.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
        }
    }

    /** The schema check fails on what it is there to catch. */
    @Test
    void aMisspelledEnumAMisplacedFieldAndAWrongTypeAreSchemaErrors() throws IOException {
        String job = Files.readString(K8S.resolve("base/job.yaml"));
        assertTrue(schemaErrors(documents(job).get(0)).isEmpty());

        List<String> misspelt = schemaErrors(documents(job.replace("completionMode: Indexed", "completionMode: Indexd")).get(0));
        assertTrue(misspelt.stream().anyMatch(e -> e.contains("completionMode") || e.contains("Indexd")), misspelt.toString());

        // nodeSelector belongs to the pod's spec, not the Job's
        ObjectNode misplaced = (ObjectNode) documents(job).get(0);
        ((ObjectNode) misplaced.get("spec")).putObject("nodeSelector").put(INSTANCE_TYPE_LABEL, "m7i.2xlarge");
        List<String> errors = schemaErrors(misplaced);
        assertTrue(errors.stream().anyMatch(e -> e.contains("nodeSelector")), errors.toString());

        List<String> wrongType = schemaErrors(documents(job.replace("completions: 3", "completions: three")).get(0));
        assertTrue(wrongType.stream().anyMatch(e -> e.contains("completions")), wrongType.toString());

        List<String> unknownKind = schemaErrors(documents(job.replace("kind: Job", "kind: Jobs")).get(0));
        assertFalse(unknownKind.isEmpty(), "a kind the schema does not know must not pass unchecked");
    }

    /** The Job checks fail on what they are there to catch. */
    @Test
    void aBurstableOrFractionalOrUnpinnedJobIsRefused() throws IOException {
        String base = Files.readString(K8S.resolve("base/job.yaml"));
        assertEquals(List.of(), jobProblems(typed(base)));

        JsonNode burstable = typed(base);
        ((ObjectNode) burstable.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "16Gi");
        assertTrue(jobProblems(burstable).stream().anyMatch(p -> p.contains("Guaranteed")), jobProblems(burstable)::toString);

        JsonNode fractional = typed(base);
        ((ObjectNode) fractional.at("/spec/template/spec/containers/0/resources/limits")).put("cpu", "5500m");
        ((ObjectNode) fractional.at("/spec/template/spec/containers/0/resources/requests")).put("cpu", "5500m");
        assertTrue(jobProblems(fractional).stream().anyMatch(p -> p.contains("whole CPUs")), jobProblems(fractional)::toString);

        JsonNode unpinned = typed(base);
        ((ObjectNode) unpinned.at("/spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0"))
                .put("topologyKey", "topology.kubernetes.io/zone");
        assertTrue(jobProblems(unpinned).stream().anyMatch(p -> p.contains("one pod per node")), jobProblems(unpinned)::toString);

        JsonNode nonIndexed = typed(base);
        ((ObjectNode) nonIndexed.get("spec")).put("completionMode", "NonIndexed");
        assertTrue(jobProblems(nonIndexed).stream().anyMatch(p -> p.contains("Indexed")), jobProblems(nonIndexed)::toString);

        JsonNode otherType = typed(base);
        ((ObjectNode) otherType.at("/spec/template/metadata/labels")).put("assay.dev/instance-type", "c7a.2xlarge");
        assertTrue(jobProblems(otherType).stream().anyMatch(p -> p.contains("instance-type")), jobProblems(otherType)::toString);
    }

    /** The base Job with what an instance type's overlay adds: its node selector and pod label. */
    private static JsonNode typed(String baseJob) {
        JsonNode job = documents(baseJob).get(0);
        ((ObjectNode) job.at("/spec/template/spec")).putObject("nodeSelector").put(INSTANCE_TYPE_LABEL, "m7i.2xlarge");
        ((ObjectNode) job.at("/spec/template/metadata/labels")).put("assay.dev/instance-type", "m7i.2xlarge");
        return job;
    }

    /** The schema's errors for one object, and an error for a kind outside {@link #KINDS}. */
    static List<String> schemaErrors(JsonNode object) {
        String kind = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        List<String> errors = new ArrayList<>();
        if (!KINDS.contains(kind)) {
            errors.add(kind + ": not one of the kinds checked here " + KINDS);
        }
        validator.validate(object).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationMessage.Level.ERROR)
                .map(m -> kind + " " + object.at("/metadata/name").asText() + ": " + m.getMessage())
                .forEach(errors::add);
        return errors;
    }

    /** What docs/fleet.md promises of a fleet Job, as a list of what is not so. */
    static List<String> jobProblems(JsonNode job) {
        List<String> p = new ArrayList<>();
        JsonNode spec = job.path("spec");
        JsonNode pod = spec.at("/template/spec");
        if (!spec.path("completionMode").asText().equals("Indexed")) {
            p.add("completionMode must be Indexed");
        }
        String type = pod.path("nodeSelector").path(INSTANCE_TYPE_LABEL).asText("");
        if (type.isEmpty()) {
            p.add("no nodeSelector on " + INSTANCE_TYPE_LABEL);
        }
        String label = spec.at("/template/metadata/labels").path("assay.dev/instance-type").asText("");
        if (!label.equals(type)) {
            p.add("pod label assay.dev/instance-type '" + label + "' is not the selected instance-type '" + type + "'");
        }
        boolean onePerNode = false;
        for (JsonNode term : pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution")) {
            JsonNode match = term.at("/labelSelector/matchLabels");
            boolean selectsItself = match.size() > 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = match.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                selectsItself &= e.getValue().equals(spec.at("/template/metadata/labels").path(e.getKey()));
            }
            onePerNode |= selectsItself && term.path("topologyKey").asText().equals("kubernetes.io/hostname");
        }
        if (!onePerNode) {
            p.add("no required pod anti-affinity on kubernetes.io/hostname against its own pods: not one pod per node");
        }
        for (JsonNode c : pod.path("containers")) {
            JsonNode requests = c.at("/resources/requests");
            JsonNode limits = c.at("/resources/limits");
            if (!requests.has("cpu") || !requests.has("memory") || !requests.equals(limits)) {
                p.add(c.path("name").asText() + ": requests " + requests + " must equal limits " + limits
                        + " with cpu and memory set (Guaranteed QoS)");
            }
            if (!requests.path("cpu").asText().matches("[1-9][0-9]*")) {
                p.add(c.path("name").asText() + ": cpu " + requests.path("cpu") + ": the static CPU manager gives "
                        + "exclusive CPUs only to whole CPUs");
            }
        }
        return p;
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        for (Object o : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (o != null) {
                docs.add(JSON.valueToTree(o));
            }
        }
        return docs;
    }

    /** {@code kubectl kustomize DIR}: rendered offline, no cluster needed; skipped without kubectl. */
    private static String kustomize(Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not installed, so the kustomization is not rendered: " + e.getMessage());
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + err);
        return new String(out, StandardCharsets.UTF_8);
    }
}
