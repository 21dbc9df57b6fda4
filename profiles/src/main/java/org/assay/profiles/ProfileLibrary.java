package org.assay.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles a command can see: the shipped ones (resources under {@code shipped/}, listed in
 * {@code shipped/index.txt}) and any files added with {@link #addFile}. {@link #resolve} follows
 * {@code extends} to a root, refusing an unknown parent (with the nearest known id) and a cycle,
 * and merges along the way ({@link ProfileMerge}). A file's parent is looked up among the
 * profiles already known, then as {@code <parent-id>.yaml} beside the file.
 */
public final class ProfileLibrary {

    static final String SHIPPED_DIR = "shipped/";
    static final String SHIPPED_INDEX = SHIPPED_DIR + "index.txt";
    /** A chain longer than this is refused: real chains are two or three long (instance, CPU, family). */
    static final int MAX_CHAIN = 8;

    private final ProfileReader reader;
    private final Map<String, ProfileFile> files = new LinkedHashMap<>();
    private final Map<String, Path> directories = new LinkedHashMap<>();

    private ProfileLibrary(MetricCatalog catalog) {
        this.reader = new ProfileReader(catalog);
    }

    /** An empty library: files only. */
    public static ProfileLibrary empty(MetricCatalog catalog) {
        return new ProfileLibrary(catalog);
    }

    /** The shipped profiles, each read and validated against {@code catalog}. */
    public static ProfileLibrary shipped(MetricCatalog catalog) {
        ProfileLibrary library = new ProfileLibrary(catalog);
        for (String name : shippedNames()) {
            String resource = SHIPPED_DIR + name;
            try (InputStream in = ProfileLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED_INDEX + " lists " + name + " but it is not in the jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                library.add(library.reader.read("shipped:" + name, text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return library;
    }

    /** The file names {@code shipped/index.txt} lists, in its order. */
    static List<String> shippedNames() {
        try (InputStream in = ProfileLibrary.class.getResourceAsStream(SHIPPED_INDEX)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_INDEX + " is missing from the profiles jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates a file and adds it (replacing a profile with the same id); returns its id. */
    public String addFile(Path file) {
        ProfileFile f = reader.readFile(file);
        add(f);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            directories.put(f.id(), dir);
        }
        return f.id();
    }

    /** Adds a profile given as text (tests, embedding programs); returns its id. */
    public String addText(String source, String text) {
        ProfileFile f = reader.read(source, text);
        add(f);
        return f.id();
    }

    private void add(ProfileFile file) {
        files.put(file.id(), file);
    }

    /** Every known id, in the order they were added. */
    public List<String> ids() {
        return new ArrayList<>(files.keySet());
    }

    public boolean contains(String id) {
        return files.containsKey(id);
    }

    /** The profile with inheritance resolved. */
    public Profile resolve(String id) {
        ProfileFile start = files.get(id);
        if (start == null) {
            throw new ProfileException(new ProfileProblem("profile " + id, 0, 0,
                    "unknown profile '" + id + "'" + NearestName.hint(id, files.keySet())));
        }
        List<ProfileFile> chain = new ArrayList<>();
        chain.add(start);
        ProfileFile current = start;
        while (current.extendsId() != null) {
            String parentId = current.extendsId();
            for (ProfileFile seen : chain) {
                if (seen.id().equals(parentId)) {
                    List<String> ids = new ArrayList<>(chain.stream().map(ProfileFile::id).toList());
                    ids.add(parentId);
                    throw new ProfileException(current.problemAtExtends(
                            "extends cycle: " + String.join(" -> ", ids)));
                }
            }
            if (chain.size() >= MAX_CHAIN) {
                throw new ProfileException(current.problemAtExtends(
                        "extends chain longer than " + MAX_CHAIN + " profiles"));
            }
            ProfileFile parent = findParent(current, parentId).orElseThrow(() -> new ProfileException(
                    chainEnd(chain).problemAtExtends("extends unknown profile '" + parentId + "'"
                            + NearestName.hint(parentId, files.keySet()))));
            chain.add(parent);
            current = parent;
        }
        ObjectNode merged = chain.get(chain.size() - 1).tree();
        for (int i = chain.size() - 2; i >= 0; i--) {
            merged = ProfileMerge.merge(merged, chain.get(i).tree());
        }
        ObjectNode own = ProfileMerge.clean(merged);
        own.set("id", start.tree().get("id"));
        own.set("kind", start.tree().get("kind"));
        copyIfPresent(start.tree(), own, "description");
        copyIfPresent(start.tree(), own, "extends");
        return ProfileBinder.bind(own, chain.stream().map(ProfileFile::id).toList(), start.source());
    }

    private static ProfileFile chainEnd(List<ProfileFile> chain) {
        return chain.get(chain.size() - 1);
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        } else {
            to.remove(field);
        }
    }

    private Optional<ProfileFile> findParent(ProfileFile child, String parentId) {
        ProfileFile known = files.get(parentId);
        if (known != null) {
            return Optional.of(known);
        }
        Path dir = directories.get(child.id());
        if (dir == null) {
            return Optional.empty();
        }
        for (String ext : List.of(".yaml", ".yml")) {
            Path candidate = dir.resolve(parentId + ext);
            if (Files.isRegularFile(candidate)) {
                ProfileFile parent = reader.readFile(candidate);
                if (!parent.id().equals(parentId)) {
                    throw new ProfileException(parent.document().problemAt("/id",
                            "file " + candidate.getFileName() + " has id '" + parent.id() + "'; "
                                    + child.id() + " extends '" + parentId + "', so the id must match the file name"));
                }
                add(parent);
                directories.put(parentId, dir);
                return Optional.of(parent);
            }
        }
        return Optional.empty();
    }

    /** One line per known profile, unresolved: id, kind, parent and description. */
    public List<Summary> summaries() {
        return files.values().stream().map(f -> new Summary(f.id(), f.tree().get("kind").asText(), f.extendsId(),
                f.tree().path("description").asText(null), f.source())).toList();
    }

    /** What {@code assay profile list} shows of a profile. */
    public record Summary(String id, String kind, String extendsId, String description, String origin) {
    }
}
