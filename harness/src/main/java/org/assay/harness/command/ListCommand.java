package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code assay list}: every workload and suite, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List workloads and suites, one line each.")
public final class ListCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    /** What {@code --json} prints. */
    record Listing(List<WorkloadEntry> workloads, List<SuiteEntry> suites) {
        static Listing current() {
            return new Listing(Workloads.all().stream().map(WorkloadEntry::of).toList(),
                    Arrays.stream(Suite.values()).map(s -> new SuiteEntry(s.name(), SuiteText.summary(s))).toList());
        }
    }

    record WorkloadEntry(String id, String summary, String unit, boolean higherIsBetter, int definitionVersion,
                         String benchmark, Map<String, Object> testParams) {
        static WorkloadEntry of(Workload w) {
            return new WorkloadEntry(w.id(), w.summary(), w.unit(), w.higherIsBetter(), w.definitionVersion(),
                    w.benchmark(), w.testParams());
        }
    }

    record SuiteEntry(String name, String summary) {
    }

    @Override
    public Integer call() throws Exception {
        Listing listing = Listing.current();
        if (output.json()) {
            output.printJson(listing);
            return Main.EXIT_OK;
        }
        PrintWriter out = output.out();
        out.println("Workloads (metric id, unit, summary):");
        TextTable workloads = new TextTable("  ");
        listing.workloads().forEach(w -> workloads.row(w.id(), w.unit(), w.summary()));
        workloads.print(out);
        out.println();
        out.println("Suites:");
        TextTable suites = new TextTable("  ");
        listing.suites().forEach(s -> suites.row(s.name(), s.summary()));
        suites.print(out);
        out.flush();
        return Main.EXIT_OK;
    }
}
