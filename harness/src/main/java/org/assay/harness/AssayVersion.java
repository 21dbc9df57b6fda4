package org.assay.harness;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Assay's version and the git commit the jar was built from (written by the build). */
public record AssayVersion(String version, String commit, Boolean dirty) {

    public static AssayVersion current() {
        Properties assay = load("assay.properties");
        Properties git = load("git.properties");
        String dirty = git.getProperty("git.dirty");
        return new AssayVersion(
                assay.getProperty("assay.version", "unknown"),
                git.getProperty("git.commit.id.full", "unknown"),
                dirty == null ? null : Boolean.valueOf(dirty));
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = AssayVersion.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the value "unknown", which --version then shows
        }
        return p;
    }

    public String describe() {
        return "assay " + version + " (commit " + commit
                + (Boolean.TRUE.equals(dirty) ? ", dirty tree" : "") + ")";
    }

    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            AssayVersion v = current();
            return new String[]{v.describe(),
                    "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")};
        }
    }
}
