package org.assay.harness.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.profiles.AcceptanceRule;
import org.assay.profiles.AcceptanceRules;
import org.assay.profiles.ExpectedResult;
import org.assay.profiles.MetricCatalog;
import org.assay.profiles.Profile;
import org.assay.profiles.ProfileLibrary;
import org.assay.profiles.SpecLimit;
import org.assay.profiles.SpecLimits;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code assay profile list|show}: the shipped baseline profiles, and one profile (shipped, or a
 * file) resolved through its {@code extends} chain with the limits its spec implies. A profile
 * that does not read, validate or resolve is bad input: its first problem, located, on one line.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Baseline profiles: what a CPU, an instance type or a golden machine should deliver.",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.ShowProfile.class, ProfileCreate.class})
public final class ProfileCommand implements Callable<Integer> {

    /**
     * Derived results that are metrics of their own: a profile may name them as well as the
     * workloads' ids. {@code memory.latency.level} is written by {@code derived.LevelResults}.
     */
    public static final List<String> DERIVED_METRICS = List.of("memory.latency.level");

    @Override
    public Integer call() {
        throw new UsageException("missing subcommand; expected list, show or create (assay profile --help)");
    }

    /** Every metric a profile may name: the registered workloads and the derived results. */
    static MetricCatalog metricCatalog() {
        List<String> names = new ArrayList<>(Workloads.all().stream().map(Workload::id).toList());
        names.addAll(DERIVED_METRICS);
        Map<String, String> units = new java.util.HashMap<>();
        Workloads.all().forEach(w -> units.put(w.id(), w.unit()));
        return MetricCatalog.of(names, units);
    }

    static ProfileLibrary shipped() {
        return ProfileLibrary.shipped(metricCatalog());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped profiles, one line each.")
    static final class ListProfiles implements Callable<Integer> {

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            List<ProfileLibrary.Summary> summaries = shipped().summaries();
            if (output.json()) {
                output.printJson(summaries);
                return Main.EXIT_OK;
            }
            PrintWriter out = output.out();
            TextTable table = new TextTable("  ");
            table.row("id", "kind", "extends", "description");
            summaries.forEach(s -> table.row(s.id(), s.kind(), s.extendsId() == null ? "-" : s.extendsId(),
                    s.description() == null ? "" : s.description()));
            table.print(out);
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** What {@code show --json} prints: the resolved profile, its limits and the limits that could not be derived. */
    record ProfileView(Profile profile, List<SpecLimit> limits, Map<String, String> notDerived) {
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a profile after inheritance, with the limits its spec implies.")
    static final class ShowProfile implements Callable<Integer> {

        private static final ObjectMapper KEBAB = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);

        @Parameters(paramLabel = "ID|FILE", description = "A shipped profile's id, or a profile file (.yaml).")
        String target;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            Profile profile = JudgeInputs.profile(target);
            SpecLimits limits = profile.limits();
            if (output.json()) {
                output.printJson(new ProfileView(profile, limits.all(), limits.missing()));
                return Main.EXIT_OK;
            }
            print(output.out(), profile, limits);
            return Main.EXIT_OK;
        }

        private static void print(PrintWriter out, Profile p, SpecLimits limits) {
            out.println(p.id() + " (" + p.kind() + (p.extendsId() == null ? "" : ", extends " + p.extendsId()) + ")");
            if (p.description() != null) {
                out.println(p.description());
            }
            out.println("read from " + p.origin() + (p.lineage().size() > 1
                    ? "; inherits from " + String.join(" -> ", p.lineage().subList(1, p.lineage().size())) : ""));
            out.println();
            out.println("Spec:");
            TextTable spec = new TextTable("  ");
            flatten("spec", KEBAB.valueToTree(p.spec()), spec);
            spec.print(out);
            out.println();
            out.println("Limits derived from the spec:");
            TextTable derived = new TextTable("  ");
            limits.all().forEach(l -> derived.row(l.id(), SpecLimitsText.value(l), l.formula()));
            limits.missing().forEach((id, why) -> derived.row(id, "-", "not derived: " + why));
            derived.print(out);
            out.println();
            printExpected(out, p.expected());
            printRules(out, p.acceptance());
            out.println("Sources:");
            TextTable sources = new TextTable("  ");
            p.sources().forEach((field, source) -> sources.row(field, source));
            sources.print(out);
            out.flush();
        }

        private static void printExpected(PrintWriter out, List<ExpectedResult> expected) {
            if (expected.isEmpty()) {
                out.println("Expected results: none");
            } else {
                out.println("Expected results:");
                TextTable t = new TextTable("  ");
                expected.forEach(e -> t.row(e.key(), SpecLimitsText.number(e.value()) + " " + e.unit(),
                        e.spread() == null ? "" : "spread " + SpecLimitsText.number(e.spread()),
                        e.runs() == null ? "" : e.runs() + " runs"));
                t.print(out);
            }
            out.println();
        }

        private static void printRules(PrintWriter out, AcceptanceRules acceptance) {
            if (acceptance.rules().isEmpty() && acceptance.defaults().isEmpty()) {
                out.println("Acceptance rules: none");
            } else {
                out.println("Acceptance rules:");
                TextTable t = new TextTable("  ");
                for (AcceptanceRule r : acceptance.rules()) {
                    t.row(r.key(), bounds(r.min(), r.max()));
                }
                acceptance.defaults().forEach((category, d) -> t.row(category + ".* (default)", bounds(d.min(), d.max())));
                t.print(out);
            }
            out.println();
        }

        private static String bounds(Object min, Object max) {
            return (min == null ? "" : "min " + min) + (min != null && max != null ? ", " : "") + (max == null ? "" : "max " + max);
        }

        private static void flatten(String prefix, JsonNode node, TextTable table) {
            if (node == null || node.isNull()) {
                return;
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    flatten(prefix + "." + e.getKey(), e.getValue(), table);
                }
                return;
            }
            table.row(prefix, node.isNumber() ? SpecLimitsText.number(node.asDouble()) : node.asText());
        }
    }

    /** Numbers as the profile writes them: 2.4, 96, 460.8. */
    static final class SpecLimitsText {
        private SpecLimitsText() {
        }

        static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                    : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }

        static String value(SpecLimit l) {
            return number(l.value()) + " " + l.unit();
        }
    }
}
