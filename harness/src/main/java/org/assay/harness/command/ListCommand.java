package org.assay.harness.command;

import org.assay.harness.Main;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code assay list}: every workload and suite, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List workloads and suites, one line each.")
public final class ListCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (json) {
            ObjectNode root = BundleFormat.mapper().createObjectNode();
            ArrayNode ws = root.putArray("workloads");
            for (Workload w : Workloads.all()) {
                ObjectNode n = ws.addObject();
                n.put("id", w.id());
                n.put("summary", w.summary());
                n.put("unit", w.unit());
                n.put("higherIsBetter", w.higherIsBetter());
                n.put("definitionVersion", w.definitionVersion());
                n.put("benchmark", w.benchmark());
                n.set("testParams", BundleFormat.mapper().valueToTree(w.testParams()));
            }
            ArrayNode suites = root.putArray("suites");
            for (Suite s : Suite.values()) {
                suites.addObject().put("name", s.name()).put("summary", SuiteText.summary(s));
            }
            out.println(BundleFormat.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return Main.EXIT_OK;
        }
        out.println("Workloads (metric id, unit, summary):");
        for (Workload w : Workloads.all()) {
            out.printf("  %-26s %-10s %s%n", w.id(), w.unit(), w.summary());
        }
        out.println();
        out.println("Suites:");
        for (Suite s : Suite.values()) {
            out.printf("  %-10s %s%n", s.name(), SuiteText.summary(s));
        }
        return Main.EXIT_OK;
    }
}
