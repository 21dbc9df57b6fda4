package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The content of {@code run.json}: what was run, where, by which Assay, on what machine, under
 * which environment and probes, what was planned and how it ended. It is written when the run
 * starts (status "running"), may be rewritten as the run goes, and is written a last time by
 * {@link BundleWriter#finish(RunManifest)}. A bundle left at "running" was never finished: the
 * process died without its shutdown hook.
 *
 * @param dirty whether the Assay checkout had uncommitted changes; null when not known
 * @param command the exact command line, one argument per element, so it can be re-run
 * @param status {@link #RUNNING}, {@link #COMPLETE}, {@link #PARTIAL} or {@link #FAILED}
 * @param statusReason why partial or failed, else null
 * @param termination {@link #NORMAL}, {@link #INTERRUPTED} or {@link #ERROR}; null while running
 * @param inventory the host inventory as free-form JSON (its shape belongs to native-probes)
 */
public record RunManifest(
        int schemaVersion,
        String assayVersion,
        String commit,
        Boolean dirty,
        List<String> command,
        String workingDirectory,
        String host,
        String suite,
        String start,
        String end,
        String status,
        String statusReason,
        String termination,
        JsonNode inventory,
        List<EnvironmentCheck> environment,
        List<ProbeStatus> probes,
        List<PlannedInvocation> plan) {

    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String NORMAL = "normal";
    public static final String INTERRUPTED = "interrupted";
    /** The harness itself failed (an I/O error such as a full disk, or a bug); statusReason says what. */
    public static final String ERROR = "error";

    public RunManifest {
        // Jackson hands a JSON null to a JsonNode field as NullNode; one spelling of "unknown" is enough.
        if (inventory != null && inventory.isNull()) {
            inventory = null;
        }
        command = Unmodifiable.list(command);
        environment = Unmodifiable.list(environment);
        probes = Unmodifiable.list(probes);
        plan = Unmodifiable.list(plan);
    }

    /**
     * The manifest of a run that is starting: current schema version, status "running", no end,
     * no inventory, checks, probes or plan yet (add them with the withers).
     */
    public static RunManifest starting(String assayVersion, String commit, Boolean dirty, List<String> command,
                                       String workingDirectory, String host, String suite, String start) {
        return new RunManifest(BundleFormat.SCHEMA_VERSION, assayVersion, commit, dirty, command,
                workingDirectory, host, suite, start, null, RUNNING, null, null, null, List.of(), List.of(),
                List.of());
    }

    /** This manifest closed: when it ended, its final status and reason, and how it terminated. */
    public RunManifest withEnd(String newEnd, String newStatus, String newStatusReason, String newTermination) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, newEnd, newStatus, newStatusReason, newTermination, inventory, environment, probes, plan);
    }

    public RunManifest withStatus(String newStatus, String newStatusReason) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, end, newStatus, newStatusReason, termination, inventory, environment, probes, plan);
    }

    public RunManifest withInventory(JsonNode newInventory) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, end, status, statusReason, termination, newInventory, environment, probes, plan);
    }

    public RunManifest withEnvironment(List<EnvironmentCheck> newEnvironment) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, end, status, statusReason, termination, inventory, newEnvironment, probes, plan);
    }

    public RunManifest withProbes(List<ProbeStatus> newProbes) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, end, status, statusReason, termination, inventory, environment, newProbes, plan);
    }

    public RunManifest withPlan(List<PlannedInvocation> newPlan) {
        return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host, suite,
                start, end, status, statusReason, termination, inventory, environment, probes, newPlan);
    }
}
