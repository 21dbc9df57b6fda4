package org.assay.harness.plan;

import org.assay.harness.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import org.assay.probes.topology.AllowedCpus;
import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.MachineSnapshot;
import org.assay.probes.preflight.EnvironmentChecks;
import org.assay.probes.inventory.InventoryCollector;
import org.assay.probes.ProbeSet;
import org.assay.results.BundleFormat;
import org.assay.results.EnvironmentCheck;
import org.assay.results.ProbeStatus;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.WorkerPlacement;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the run needs to know about the machine before it plans: topology, the CPUs it may use,
 * cache and memory sizes for sizing, and (for the bundle) inventory, environment checks and the
 * probes. The machine's layout is one {@link MachineSnapshot}, read once, before any worker is
 * pinned (after pinning, the JVM's view of the CPU count can follow the pinned mask); the
 * inventory, the checks and the probes are built from it, each at most once. Closing closes the
 * probes.
 */
public final class MachineFacts implements AutoCloseable {

    private final MachineSnapshot machine;
    private final CpuTopology topology;
    private final AllowedCpus allowed;
    private final List<Integer> usable;
    private final boolean smt;
    private final SizingContext sizing;
    private JsonNode inventory;
    private ProbeSet probes;

    private MachineFacts(MachineSnapshot machine, List<Integer> usable, boolean smt) {
        this.machine = machine;
        this.topology = machine.topology();
        this.allowed = machine.allowed();
        this.usable = usable;
        this.smt = smt;
        int maxThreads = PlacementPlanner.maxThreads(topology, usable, smt);
        this.sizing = new SizingContext(topology.lastLevelCacheBytesReachedBy(usable), machine.availableMemoryBytes(), maxThreads,
                topology, usable, machine.fmaWidths());
    }

    /**
     * @param cpusOption the {@code --cpus} text, or null for every allowed CPU
     * @throws UsageException when the list is malformed or names CPUs this process may not use
     */
    public static MachineFacts read(Path root, String cpusOption, boolean smt) {
        MachineSnapshot machine = MachineSnapshot.read(root);
        AllowedCpus allowed = machine.allowed();
        List<Integer> usable = allowed.cpus();
        if (cpusOption != null) {
            List<Integer> requested;
            try {
                requested = CpuList.parse(cpusOption);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--cpus: " + e.getMessage());
            }
            for (int c : requested) {
                if (!allowed.cpus().contains(c)) {
                    throw new UsageException("--cpus " + cpusOption + ": CPU " + c + " is not in the allowed set "
                            + CpuList.format(allowed.cpus()));
                }
            }
            usable = requested;
        }
        return new MachineFacts(machine, usable, smt);
    }

    /** CPUs for a step's workers ({@link PlacementPlanner}): one per physical core, siblings only with --smt or in the all-hardware-threads step. */
    public List<Integer> place(ScalingLadder.Step step, WorkerPlacement how) {
        try {
            return PlacementPlanner.plan(topology, allowed.cpus(), usable, step, how, smt).cpuPerWorker();
        } catch (PlacementException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public SizingContext sizing() {
        return sizing;
    }

    /** The caches sysfs reports, for setting measured levels beside them. */
    public List<CacheLevel> caches() {
        return topology.caches();
    }

    public String describeCpus() {
        return CpuList.format(usable) + " (" + sizing.maxThreads() + " usable for workers"
                + (smt ? ", SMT siblings included" : ", one per physical core") + ")";
    }

    public String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown-host";
        }
    }

    /** The inventory (live: OSHI and filesystem sizes too), collected on first use. */
    public synchronized JsonNode inventoryJson() {
        if (inventory == null) {
            inventory = BundleFormat.mapper().valueToTree(InventoryCollector.collect(machine, true));
        }
        return inventory;
    }

    public List<EnvironmentCheck> environmentChecks() {
        return EnvironmentChecks.run(machine, usable, 0, Duration.ZERO);
    }

    /** The run's one set of probes, opened on first use and closed by {@link #close()}. */
    public synchronized ProbeSet probes() {
        if (probes == null) {
            probes = ProbeSet.open(machine);
        }
        return probes;
    }

    /** Every probe's availability, with the reason and fix for those that cannot run here. */
    public List<ProbeStatus> probeStatuses() {
        return probes().statuses();
    }

    public Path root() {
        return machine.root();
    }

    @Override
    public synchronized void close() {
        if (probes != null) {
            probes.close();
        }
    }

    /** Direct memory the forks may allocate: the sizing already refused plans above 3/4 of this. */
    public long directMemoryBytes() {
        return sizing.availableMemoryBytes() > 0 ? sizing.availableMemoryBytes() : 4L << 30;
    }
}
