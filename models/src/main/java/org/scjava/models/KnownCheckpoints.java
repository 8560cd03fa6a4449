package org.scjava.models;

import org.scjava.models.api.CheckpointException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Registry of released checkpoint files, so a model card and its provenance can say which official release a user's
 * weights are ("official Geneformer V1 gf-6L-30M-i2048") or that they are not ("unrecognised checkpoint
 * (sha256 …)"). Entries are matched by SHA-256 (sizes are listed too and explain a near miss).
 *
 * <p>Sources, in order: the bundled {@code registry/known_checkpoints.tsv} (sizes and hashes read from Git LFS pointers
 * of public mirrors, see its README); every file named by the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV} (path-separator list); {@code ~/.scjava/known_checkpoints.tsv} if present; files added with
 * {@link #register(Path)}. A user file has the bundled file's columns — {@code model, file, size_bytes, sha256,
 * seen_at} (tab-separated, header line required, {@code seen_at} may be empty, {@code #} lines are comments) — for
 * releases the bundled list does not have yet; provenance names the file an entry came from.
 */
public final class KnownCheckpoints {

    public static final String PROPERTY = "scjava.knownCheckpoints";
    public static final String ENV = "SCJAVA_KNOWN_CHECKPOINTS";
    static final String BUNDLED = "bundled registry/known_checkpoints.tsv";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> HEADER = List.of("model", "file", "size_bytes", "sha256", "seen_at");
    private static final List<Entry> REGISTERED = new CopyOnWriteArrayList<>();

    /**
     * One released file.
     *
     * @param model     release name ("Geneformer V1 gf-6L-30M-i2048")
     * @param file      its file name in the release ("pytorch_model.bin")
     * @param sizeBytes size in bytes
     * @param sha256    lower-case hex SHA-256 of the bytes
     * @param seenAt    where the hash was read (LFS pointer, repository@commit)
     * @param source    the registry file this entry came from
     */
    public record Entry(String model, String file, long sizeBytes, String sha256, String seenAt, String source) {
    }

    private final List<Entry> entries;

    private KnownCheckpoints(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The bundled list plus every user file (property, environment, ~/.scjava, {@link #register}). */
    public static KnownCheckpoints standard() {
        List<Entry> all = new ArrayList<>(bundled());
        for (Path p : userFiles()) {
            all.addAll(read(p));
        }
        all.addAll(REGISTERED);
        return new KnownCheckpoints(all);
    }

    /** Adds the entries of a user registry file for this JVM (validated now; errors name the file and line). */
    public static void register(Path tsv) {
        REGISTERED.addAll(read(tsv));
    }

    /** Forgets files added with {@link #register} (tests). */
    public static void clearRegistered() {
        REGISTERED.clear();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry whose SHA-256 equals {@code sha256} (case-insensitive), if any. */
    public Optional<Entry> bySha256(String sha256) {
        String s = sha256.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.sha256().equals(s)).findFirst();
    }

    /**
     * "official {model}" for a listed hash; otherwise "unrecognised checkpoint (sha256 {hash})", adding the release
     * whose file has the same size when one does (a modified or re-saved copy).
     */
    public String identify(String sha256, long sizeBytes) {
        Optional<Entry> hit = bySha256(sha256);
        if (hit.isPresent()) {
            return "official " + hit.get().model();
        }
        String text = "unrecognised checkpoint (sha256 " + sha256 + ")";
        return entries.stream().filter(e -> e.sizeBytes() == sizeBytes).findFirst()
                .map(e -> text + "; same size as official " + e.model() + " " + e.file() + " but different bytes")
                .orElse(text);
    }

    /** The entry whose hash equals the SHA-256 of {@code file}'s bytes (hashed once per path, size and mtime). */
    public Optional<Entry> recognise(Path file) {
        return bySha256(org.scjava.models.io.Checksums.sha256(file));
    }

    /** {@link #identify(String, long)} of a file on disk: "official …" or "unrecognised checkpoint (sha256 …)". */
    public String identify(Path file) {
        String sha = org.scjava.models.io.Checksums.sha256(file);
        String id = identify(sha, org.scjava.models.io.Checksums.size(file));
        return bySha256(sha).filter(e -> !e.source().equals(BUNDLED)).map(e -> id + " (listed in " + e.source() + ")")
                .orElse(id);
    }

    /**
     * The identity of a loaded card's weights: {@link #identify(String, long)} of its SHA-256 and the file's size,
     * naming the registry file when the entry came from a user file rather than the bundled list.
     */
    public String identify(org.scjava.models.api.ModelCard card, Path weights) {
        long size = Files.isRegularFile(weights) ? org.scjava.models.io.Checksums.size(weights) : -1;
        String id = identify(card.checkpointSha256(), size);
        return bySha256(card.checkpointSha256()).filter(e -> !e.source().equals(BUNDLED))
                .map(e -> id + " (listed in " + e.source() + ")").orElse(id);
    }

    /** Parses and validates one registry file. */
    public static List<Entry> read(Path tsv) {
        if (!Files.isRegularFile(tsv)) {
            throw new CheckpointException("known-checkpoint registry " + tsv + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(tsv)) {
            return parse(in, tsv.toString());
        } catch (IOException e) {
            throw new CheckpointException("cannot read known-checkpoint registry " + tsv + ": " + e.getMessage(), e);
        }
    }

    private static List<Entry> bundled() {
        try (InputStream in = KnownCheckpoints.class.getResourceAsStream("registry/known_checkpoints.tsv")) {
            if (in == null) {
                throw new IllegalStateException("bundled registry/known_checkpoints.tsv missing from the jar");
            }
            return parse(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> userFiles() {
        List<Path> files = new ArrayList<>();
        for (String list : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            if (list != null && !list.isBlank()) {
                for (String p : list.split(java.io.File.pathSeparator)) {
                    if (!p.isBlank()) {
                        files.add(Path.of(p.strip()));
                    }
                }
            }
        }
        Path home = Path.of(System.getProperty("user.home", "."), ".scjava", "known_checkpoints.tsv");
        if (Files.isRegularFile(home)) {
            files.add(home);
        }
        return files;
    }

    private static List<Entry> parse(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Entry> out = new ArrayList<>();
        String line = r.readLine();
        if (line == null || !List.of(line.strip().split("\t")).equals(HEADER)) {
            throw new CheckpointException(source + ": line 1 must be the header " + String.join("<TAB>", HEADER)
                    + ", found " + (line == null ? "an empty file" : "'" + line + "'"));
        }
        int no = 1;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.add(entry(line.split("\t", -1), source, no));
        }
        return out;
    }

    private static Entry entry(String[] f, String source, int line) {
        String where = source + " line " + line;
        if (f.length < 4 || f.length > 5) {
            throw new CheckpointException(where + ": expected 5 tab-separated fields (model, file, size_bytes, sha256,"
                    + " seen_at), found " + f.length);
        }
        String sha = f[3].strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            throw new CheckpointException(where + ": sha256 must be 64 hex digits, found '" + f[3] + "'");
        }
        long size;
        try {
            size = Long.parseLong(f[2].strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size <= 0) {
            throw new CheckpointException(where + ": size_bytes must be a positive integer, found '" + f[2] + "'");
        }
        if (f[0].isBlank() || f[1].isBlank()) {
            throw new CheckpointException(where + ": model and file must not be empty");
        }
        return new Entry(f[0].strip(), f[1].strip(), size, sha, f.length > 4 ? f[4].strip() : "", source);
    }
}
