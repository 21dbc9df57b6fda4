package org.assay.harness.command;

import org.assay.analysis.judging.GoldenProfile;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.profiles.ProfileException;
import org.assay.profiles.ProfileLibrary;
import org.assay.results.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code assay profile create --from RUN [--from RUN...] --id ID --out FILE}: a golden-machine
 * profile from verified runs of one machine ({@link GoldenProfile}). The text is read back
 * through the profile reader (schema, metric names, units) before it is written, so a file this
 * command writes is a valid profile.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Make a golden-machine profile from runs of one machine: per metric the median, the spread "
                + "across and within runs, a tolerance from that spread (5%% to 25%%), the inventory as its spec.",
                "Exit status: 0 written, 2 bad input (nothing written)."})
public final class ProfileCreate implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "RUN", description = "A run bundle (repeat for more runs).")
    List<Path> from;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The new profile's id (lowercase, digits, '.', '-').")
    String id;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the profile (.yaml).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!id.matches("^[a-z0-9]+([.-][a-z0-9]+)*$")) {
            throw new UsageException("--id '" + id + "': lowercase letters and digits, separated by single '.' or '-'");
        }
        JudgeInputs.checkWritable(out, "--out");
        List<Bundle> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path run : from) {
            runs.add(JudgeInputs.verifiedBundle(run));
            names.add(run.getFileName() == null ? run.toString() : run.getFileName().toString());
        }
        String yaml;
        try {
            yaml = GoldenProfile.yaml(id, runs, names);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            ProfileLibrary.empty(ProfileCommand.metricCatalog()).addText(out.toString(), yaml);
        } catch (ProfileException e) {
            // A run of another Assay may hold a metric or unit this one does not know.
            throw new UsageException("the profile made from the runs does not validate (runs of another Assay version?): "
                    + e.getMessage());
        }
        JudgeInputs.writeWhole(out, yaml);
        var w = spec.commandLine().getOut();
        w.println("wrote " + out + ": profile " + id + " from " + runs.size() + " run(s), "
                + GoldenProfile.entries(runs).size() + " expected results");
        w.flush();
        return Main.EXIT_OK;
    }

}
