package org.assay.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The Kubernetes manifests in deploy/k8s against the Kubernetes API's schema, and the
 * properties docs/fleet.md promises of the Jobs (Indexed, one instance type each, one pod per
 * node, Guaranteed QoS with whole CPUs).
 *
 * <p>The schema ({@link KubernetesSchema}): the validators of the npm package
 * {@code kubernetes-models}, generated from the Kubernetes OpenAPI document, so field types,
 * int-or-string quantities, required fields and enum values are the API's. Chosen as the most
 * faithful schema a registry this build reaches offers: fabric8's Java model (Maven Central)
 * accepts any string where the API has an enum and keeps unknown fields in a map; fabric8's
 * kubernetes-model-validator is not published there; the per-kind JSON schemas converted from
 * the OpenAPI document (kubernetes-json-schema) are on no registry; and
 * {@code kubectl apply --dry-run=client} needs an API server even for a client-side dry run (it
 * asks for the server's resource list first). Its one gap: a field the API does not have passes
 * (those validators allow unknown properties). A kind outside {@link #KINDS} is an error here.
 * Without Node.js or the package the schema tests skip with the reason; the Job checks below
 * (and the Kustomize rendering, with kubectl) need neither.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path K8S = REPO.resolve("deploy/k8s");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds deploy/k8s may contain: each one the validator has a schema for. */
    static final Set<String> KINDS = Set.of("batch/v1 Job", "v1 PersistentVolumeClaim", "v1 Namespace",
            "apps/v1 Deployment", "v1 Service");

    static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    private static KubernetesSchema.Result schema;

    @BeforeAll
    static void findSchema() {
        schema = KubernetesSchema.find();
    }

    private static KubernetesSchema schema() {
        assumeTrue(schema.schema() != null, "Kubernetes schema not available: " + schema.whyNot());
        return schema.schema();
    }

    @Test
    void everyManifestFileMatchesTheKubernetesSchema() throws Exception {
        schema();
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 4, "manifests found: " + files);
        List<JsonNode> docs = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode doc : documents(Files.readString(f))) {
                docs.add(doc);
                where.add(K8S.relativize(f).toString());
            }
        }
        List<List<String>> errors = schemaErrors(docs);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            for (String e : errors.get(i)) {
                all.add(where.get(i) + ": " + e);
            }
        }
        assertTrue(all.isEmpty(), String.join("\n", all));
    }

    /** What {@code kubectl apply -k deploy/k8s} would send: every object valid, and the Jobs as docs/fleet.md says. */
    @Test
    void theRenderedFleetIsValidAndHasOneGuaranteedIndexedJobPerInstanceType() throws Exception {
        List<JsonNode> objects = documents(kustomize(K8S));
        if (schema.schema() != null) {
            List<String> errors = schemaErrors(objects).stream().flatMap(List::stream).toList();
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        } else {
            System.out.println("KubernetesManifestsTest: rendered objects not schema-checked: " + schema.whyNot());
        }

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
    void aMisspelledEnumAWrongTypeAMissingFieldAndAnUnknownKindAreSchemaErrors() throws Exception {
        schema();
        String job = Files.readString(K8S.resolve("base/job.yaml"));
        JsonNode noContainers = documents(job).get(0);
        ((ObjectNode) noContainers.at("/spec/template/spec")).remove("containers");
        List<List<String>> e = schemaErrors(List.of(
                documents(job).get(0),
                documents(job.replace("completionMode: Indexed", "completionMode: Indexd")).get(0),
                documents(job.replace("completions: 3", "completions: three")).get(0),
                noContainers,
                documents(job.replace("kind: Job", "kind: Jobs")).get(0),
                documents(job.replace("apiVersion: batch/v1", "apiVersion: batch/v9")).get(0)));
        assertEquals(List.of(), e.get(0));
        assertTrue(e.get(1).stream().anyMatch(m -> m.contains("/spec/completionMode") && m.contains("Indexed")), e.get(1)::toString);
        assertTrue(e.get(2).stream().anyMatch(m -> m.contains("/spec/completions") && m.contains("integer")), e.get(2)::toString);
        assertTrue(e.get(3).stream().anyMatch(m -> m.contains("containers")), e.get(3)::toString);
        assertFalse(e.get(4).isEmpty(), "a kind the schema does not know must not pass unchecked");
        assertFalse(e.get(5).isEmpty(), "an API version the schema does not know must not pass unchecked");
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

    /** Per object, the schema's errors, and an error for a kind outside {@link #KINDS}. */
    static List<List<String>> schemaErrors(List<JsonNode> objects) throws IOException, InterruptedException {
        List<List<String>> verdicts = schema().errors(objects);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String kind = o.path("apiVersion").asText() + " " + o.path("kind").asText();
            String name = kind + " " + o.at("/metadata/name").asText();
            List<String> errors = new ArrayList<>();
            if (!KINDS.contains(kind)) {
                errors.add(name + ": not one of the kinds checked here " + KINDS);
            }
            verdicts.get(i).forEach(v -> errors.add(name + ": " + v));
            out.add(errors);
        }
        return out;
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
