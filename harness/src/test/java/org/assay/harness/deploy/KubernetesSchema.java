package org.assay.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes objects against the Kubernetes API schema, through the validators of the npm
 * package {@code kubernetes-models} (generated from the Kubernetes OpenAPI document: field
 * types, int-or-string, required fields and enum values such as {@code completionMode}), run by
 * Node.js. {@code .ci/setup.d/50-fleet.sh} installs the package into {@link #DEFAULT_DIR}.
 *
 * <p>What it does not catch: a field the API does not have (those validators allow unknown
 * properties, where {@code kubectl --validate=strict} and the API server refuse them).
 */
final class KubernetesSchema {

    /** Where the setup script installs the package; {@code ASSAY_K8S_MODELS} overrides it. */
    static final Path DEFAULT_DIR = Path.of(System.getProperty("user.home"), ".cache", "assay-k8s-models");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modelsDir;
    private final Path script;

    private KubernetesSchema(Path modelsDir, Path script) {
        this.modelsDir = modelsDir;
        this.script = script;
    }

    /** The schema, or why it is not available here (for the test's skip message). */
    static Result find() {
        String env = System.getenv("ASSAY_K8S_MODELS");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : DEFAULT_DIR;
        if (!Files.isRegularFile(dir.resolve("node_modules/kubernetes-models/package.json"))) {
            return new Result(null, "npm package kubernetes-models not installed in " + dir
                    + " (bash .ci/setup.d/50-fleet.sh installs it)");
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return new Result(null, "node --version failed");
            }
            Path script = Path.of(Objects.requireNonNull(KubernetesSchema.class.getResource("validate-k8s.mjs")).toURI());
            return new Result(new KubernetesSchema(dir, script), null);
        } catch (IOException e) {
            return new Result(null, "Node.js is not installed: " + e.getMessage());
        } catch (InterruptedException | URISyntaxException e) {
            return new Result(null, e.toString());
        }
    }

    record Result(KubernetesSchema schema, String whyNot) {
        Optional<KubernetesSchema> get() {
            return Optional.ofNullable(schema);
        }
    }

    /** Per object, its schema errors (empty when valid), in the order given. */
    List<List<String>> errors(List<JsonNode> objects) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", script.toString(), modelsDir.toString()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(objects));
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("node " + script.getFileName() + " failed: " + err);
        }
        List<List<String>> result = new ArrayList<>();
        for (JsonNode perObject : JSON.readTree(out)) {
            List<String> e = new ArrayList<>();
            perObject.forEach(m -> e.add(m.asText()));
            result.add(e);
        }
        if (result.size() != objects.size()) {
            throw new IllegalStateException("expected " + objects.size() + " verdicts, got " + result.size());
        }
        return result;
    }
}
