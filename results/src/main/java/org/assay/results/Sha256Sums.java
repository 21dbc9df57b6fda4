package org.assay.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code SHA256SUMS} file, in exactly the format GNU {@code sha256sum} writes and
 * {@code sha256sum -c} checks: {@code <64 lower-case hex>  <relative path>\n} (two spaces: text
 * mode). Paths use '/' on every platform so a bundle written on Windows verifies on Linux.
 */
final class Sha256Sums {

    /** Also accepts '*' (binary mode) in the separator, which sha256sum writes with {@code -b}. */
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    record Entry(String sha256, String path) {
    }

    private Sha256Sums() {
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Every regular file under {@code dir} except the top-level SHA256SUMS and its detached
     * signatures, as sorted relative paths with '/'. Symbolic links are not followed: a bundle
     * holds its own bytes.
     */
    static List<String> filesToList(Path dir) throws IOException {
        return contents(dir).files();
    }

    /**
     * What a bundle directory holds besides directories, walked without following links, as
     * sorted relative paths: the regular files to list (no SHA256SUMS, no signature), the
     * symbolic links (a walk does not enter a linked directory, so each shows up once, as itself)
     * and anything else (a FIFO, a socket, a device node), which is never read: opening a FIFO
     * would block the verifier forever.
     */
    record Contents(List<String> files, List<String> links, List<String> others) {
    }

    static Contents contents(Path dir) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        List<String> links = new java.util.ArrayList<>();
        List<String> others = new java.util.ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                String rel = relative(dir, p);
                if (Files.isSymbolicLink(p)) {
                    links.add(rel);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!rel.equals(BundleFormat.SHA256SUMS) && !BundleFormat.SIGNATURE_FILES.contains(rel)) {
                        files.add(rel);
                    }
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    others.add(rel);
                }
            }
        }
        java.util.Collections.sort(files);
        java.util.Collections.sort(links);
        java.util.Collections.sort(others);
        return new Contents(List.copyOf(files), List.copyOf(links), List.copyOf(others));
    }

    static String render(Map<String, String> sha256ByPath) {
        StringBuilder sb = new StringBuilder();
        sha256ByPath.forEach((path, sha) -> sb.append(sha.toLowerCase(Locale.ROOT)).append("  ").append(path)
                .append('\n'));
        return sb.toString();
    }

    /** The entry on one line, or null when the line is not in sha256sum's format. */
    static Entry parse(String line) {
        Matcher m = LINE.matcher(line);
        return m.matches() ? new Entry(m.group(1).toLowerCase(Locale.ROOT), m.group(2)) : null;
    }

    static String relative(Path dir, Path file) {
        Path rel = dir.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
