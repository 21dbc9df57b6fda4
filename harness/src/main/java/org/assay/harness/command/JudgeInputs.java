package org.assay.harness.command;

import org.assay.analysis.judging.Compatibility;
import org.assay.analysis.judging.RunMeasurements;
import org.assay.harness.UsageException;
import org.assay.profiles.NearestName;
import org.assay.profiles.Profile;
import org.assay.profiles.ProfileException;
import org.assay.profiles.ProfileLibrary;
import org.assay.results.Bundle;
import org.assay.results.BundleException;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.VerificationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@code score}, {@code accept} and {@code profile create|show} read, each refused as bad
 * input on one line: a profile (shipped id or file, resolved through {@code extends}), a bundle
 * that passes {@code verify}, a run and profile that can be judged together. Output files are
 * written whole or not at all.
 */
final class JudgeInputs {

    private JudgeInputs() {
    }

    /** A shipped profile's id or a profile file, resolved. */
    static Profile profile(String target) {
        try {
            ProfileLibrary library = ProfileCommand.shipped();
            String id = target;
            if (looksLikeFile(target)) {
                Path file = pathOf(target);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("no such profile file: " + target
                            + " (a shipped profile is named by its id; assay profile list shows them)");
                }
                id = library.addFile(file);
            } else if (!library.contains(target)) {
                throw new UsageException("unknown profile '" + target + "'"
                        + NearestName.suggest(target, library.ids()).map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + "; assay profile list shows the shipped ones, or give a .yaml file");
            }
            return library.resolve(id);
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static boolean looksLikeFile(String target) {
        return target.endsWith(".yaml") || target.endsWith(".yml") || target.contains("/")
                || target.contains(java.io.File.separator) || Files.isRegularFile(pathOf(target));
    }

    private static Path pathOf(String target) {
        try {
            return Path.of(target);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("not a profile id or file name: " + e.getMessage());
        }
    }

    /** The bundle in {@code run}, which must pass {@code assay verify}: a judged number must be the one measured. */
    static Bundle verifiedBundle(Path run) {
        if (!Files.isDirectory(run)) {
            throw new UsageException("no such run directory: " + run + " (give the bundle directory assay run wrote)");
        }
        try {
            VerificationReport report = BundleVerifier.verify(run);
            if (!report.ok()) {
                int more = report.problems().size() - 1;
                throw new UsageException("bundle " + run + " fails verify: " + report.problems().get(0)
                        + (more > 0 ? " (and " + more + " more)" : "") + "; assay verify " + run + " lists every problem");
            }
            return BundleReader.read(run);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read bundle " + run + ": " + e.getMessage());
        }
    }

    /** Refuses a run and profile that cannot be judged together. */
    static RunMeasurements compatible(Bundle bundle, Profile profile) {
        RunMeasurements run = RunMeasurements.of(bundle);
        Compatibility.problem(run, profile).ifPresent(p -> {
            throw new UsageException(p);
        });
        return run;
    }

    /** Checks up front that {@code file} can be written (its directory exists), so nothing is measured or judged in vain. */
    static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + file + ": no such directory " + dir);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " is a directory; give a file name");
        }
    }

    /** Writes {@code text} to a temporary file beside {@code file} and moves it into place. */
    static void writeWhole(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
