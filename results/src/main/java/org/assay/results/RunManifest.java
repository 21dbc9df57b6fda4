package org.assay.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The content of {@code run.json}: what was run, where, by which Assay, on what machine, under
 * which environment and probes, what was planned and how it ended. It is written when the run
 * starts (status {@link RunStatus#running}), may be rewritten as the run goes, and is written a
 * last time by {@link BundleWriter#finish(RunManifest)}. A bundle left at "running" was never
 * finished: the process died without its shutdown hook.
 *
 * <p>Build one with {@link #builder()}, change one with {@link #toBuilder()} or the withers: the
 * builder is the one place a new field is added besides the component list.
 *
 * @param dirty whether the Assay checkout had uncommitted changes; null when not known
 * @param command the exact command line, one argument per element, so it can be re-run
 * @param statusReason why partial or failed, else null
 * @param termination how the run ended; null while running
 * @param inventory the host inventory as free-form JSON (its shape belongs to native-probes)
 * @param importedFrom for a bundle made by {@code assay import} from another tool's output: the
 *                     tool, its version and the file; null (and not written) for a run Assay measured
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
        RunStatus status,
        String statusReason,
        Termination termination,
        JsonNode inventory,
        List<EnvironmentCheck> environment,
        List<ProbeStatus> probes,
        List<PlannedInvocation> plan,
        @JsonInclude(JsonInclude.Include.NON_NULL) ImportedFrom importedFrom) {

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
     * A builder for the manifest of a run that is starting: current schema version, status
     * running, no end, no inventory, and no checks, probes or plan.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this manifest, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .schemaVersion(schemaVersion)
                .assayVersion(assayVersion)
                .commit(commit)
                .dirty(dirty)
                .command(command)
                .workingDirectory(workingDirectory)
                .host(host)
                .suite(suite)
                .start(start)
                .end(end)
                .status(status)
                .statusReason(statusReason)
                .termination(termination)
                .inventory(inventory)
                .environment(environment)
                .probes(probes)
                .plan(plan)
                .importedFrom(importedFrom);
    }

    /** This manifest closed: when it ended, its final status and reason, and how it terminated. */
    public RunManifest withEnd(String newEnd, RunStatus newStatus, String newStatusReason,
                               Termination newTermination) {
        return toBuilder().end(newEnd).status(newStatus).statusReason(newStatusReason)
                .termination(newTermination).build();
    }

    public RunManifest withStatus(RunStatus newStatus, String newStatusReason) {
        return toBuilder().status(newStatus).statusReason(newStatusReason).build();
    }

    public RunManifest withInventory(JsonNode newInventory) {
        return toBuilder().inventory(newInventory).build();
    }

    public RunManifest withEnvironment(List<EnvironmentCheck> newEnvironment) {
        return toBuilder().environment(newEnvironment).build();
    }

    public RunManifest withProbes(List<ProbeStatus> newProbes) {
        return toBuilder().probes(newProbes).build();
    }

    public RunManifest withPlan(List<PlannedInvocation> newPlan) {
        return toBuilder().plan(newPlan).build();
    }

    /** Collects the components by name; {@link #build()} copies the lists. */
    public static final class Builder {
        private int schemaVersion = BundleFormat.SCHEMA_VERSION;
        private String assayVersion;
        private String commit;
        private Boolean dirty;
        private List<String> command = List.of();
        private String workingDirectory;
        private String host;
        private String suite;
        private String start;
        private String end;
        private RunStatus status = RunStatus.running;
        private String statusReason;
        private Termination termination;
        private JsonNode inventory;
        private List<EnvironmentCheck> environment = List.of();
        private List<ProbeStatus> probes = List.of();
        private List<PlannedInvocation> plan = List.of();
        private ImportedFrom importedFrom;

        private Builder() {
        }

        // Only toBuilder sets it (to keep the version a manifest was read with): a new manifest is
        // always of the current schema.
        private Builder schemaVersion(int schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public Builder assayVersion(String assayVersion) {
            this.assayVersion = assayVersion;
            return this;
        }

        public Builder commit(String commit) {
            this.commit = commit;
            return this;
        }

        public Builder dirty(Boolean dirty) {
            this.dirty = dirty;
            return this;
        }

        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder suite(String suite) {
            this.suite = suite;
            return this;
        }

        public Builder start(String start) {
            this.start = start;
            return this;
        }

        public Builder end(String end) {
            this.end = end;
            return this;
        }

        public Builder status(RunStatus status) {
            this.status = status;
            return this;
        }

        public Builder statusReason(String statusReason) {
            this.statusReason = statusReason;
            return this;
        }

        public Builder termination(Termination termination) {
            this.termination = termination;
            return this;
        }

        public Builder inventory(JsonNode inventory) {
            this.inventory = inventory;
            return this;
        }

        public Builder environment(List<EnvironmentCheck> environment) {
            this.environment = environment;
            return this;
        }

        public Builder probes(List<ProbeStatus> probes) {
            this.probes = probes;
            return this;
        }

        public Builder plan(List<PlannedInvocation> plan) {
            this.plan = plan;
            return this;
        }

        public Builder importedFrom(ImportedFrom importedFrom) {
            this.importedFrom = importedFrom;
            return this;
        }

        public RunManifest build() {
            return new RunManifest(schemaVersion, assayVersion, commit, dirty, command, workingDirectory, host,
                    suite, start, end, status, statusReason, termination, inventory, environment, probes, plan,
                    importedFrom);
        }
    }
}
