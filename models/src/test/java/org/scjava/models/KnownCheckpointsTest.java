package org.scjava.models;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.io.Checksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The known-checkpoint registry: the bundled list of official release hashes, user registry files (system property,
 * {@link KnownCheckpoints#register}), the identity written into model cards and provenance, validation of user files,
 * and the hash cache keyed by (path, size, mtime).
 */
class KnownCheckpointsTest {

    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        KnownCheckpoints.clearRegistered();
        System.clearProperty(KnownCheckpoints.PROPERTY);
    }

    @Test
    void bundledListHoldsTheOfficialReleases() {
        KnownCheckpoints k = KnownCheckpoints.standard();
        assertThat(k.entries()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(k.bySha256("8D860E2125884475DD42BC2CD9A0E60C60808A7351241E08F2154931FFC142DA"))
                .hasValueSatisfying(e -> {
                    assertThat(e.model()).isEqualTo("Geneformer V1 gf-6L-30M-i2048");
                    assertThat(e.sizeBytes()).isEqualTo(41216562L);
                    assertThat(e.file()).isEqualTo("pytorch_model.bin");
                });
        assertThat(k.identify("8d860e2125884475dd42bc2cd9a0e60c60808a7351241e08f2154931ffc142da", 41216562L))
                .isEqualTo("official Geneformer V1 gf-6L-30M-i2048");
        assertThat(k.identify("00".repeat(32), 41216562L)).startsWith("unrecognised checkpoint (sha256 " + "00".repeat(32))
                .contains("same size as official Geneformer V1 gf-6L-30M-i2048 pytorch_model.bin but different bytes");
    }

    @Test
    void aFixtureIsUnrecognisedUntilAUserFileListsItsHash() throws IOException {
        Path dir = Fixtures.path("geneformer/v1");
        try (GeneformerModel m = GeneformerModel.builder().setDirectory(dir).build()) {
            assertThat(m.card().checkpointIdentity()).isEqualTo("unrecognised checkpoint (sha256 "
                    + m.card().checkpointSha256() + ")");
            assertThat(m.provenance()).containsEntry("checkpoint_identity", m.card().checkpointIdentity());
        }
        Path weights = dir.resolve("model.safetensors");
        Path user = registry("Geneformer V1 fixture release", "model.safetensors", Files.size(weights),
                Checksums.sha256(weights));
        KnownCheckpoints.register(user);
        try (GeneformerModel m = GeneformerModel.builder().setDirectory(dir).build()) {
            assertThat(m.card().checkpointIdentity())
                    .isEqualTo("official Geneformer V1 fixture release (listed in " + user + ")");
            assertThat(m.card().toString()).contains("identity: official Geneformer V1 fixture release");
            assertThat(m.provenance().get("checkpoint_identity")).isEqualTo(m.card().checkpointIdentity());
        }
        assertThat(KnownCheckpoints.standard().recognise(weights)).isPresent();
    }

    @Test
    void systemPropertyNamesUserRegistryFiles() throws IOException {
        Path file = Files.writeString(tmp.resolve("weights.bin"), "not really weights");
        Path user = registry("My release v3", "weights.bin", Files.size(file), Checksums.sha256(file));
        assertThat(KnownCheckpoints.standard().identify(file)).startsWith("unrecognised checkpoint");
        System.setProperty(KnownCheckpoints.PROPERTY, user.toString());
        assertThat(KnownCheckpoints.standard().identify(file)).isEqualTo("official My release v3 (listed in " + user + ")");
    }

    @Test
    void malformedUserFilesNameTheFileAndLine() throws IOException {
        Path noHeader = Files.writeString(tmp.resolve("a.tsv"), "x\ty\t1\t" + "a".repeat(64) + "\tz\n");
        assertThatThrownBy(() -> KnownCheckpoints.register(noHeader)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("a.tsv: line 1 must be the header");
        Path badHash = Files.writeString(tmp.resolve("b.tsv"), header() + "m\tf\t10\tnothex\t\n");
        assertThatThrownBy(() -> KnownCheckpoints.register(badHash)).hasMessageContaining("b.tsv line 2")
                .hasMessageContaining("64 hex digits");
        Path badSize = Files.writeString(tmp.resolve("c.tsv"), header() + "# comment\nm\tf\t-3\t" + "b".repeat(64) + "\t\n");
        assertThatThrownBy(() -> KnownCheckpoints.register(badSize)).hasMessageContaining("c.tsv line 3")
                .hasMessageContaining("size_bytes");
        assertThatThrownBy(() -> KnownCheckpoints.register(tmp.resolve("missing.tsv")))
                .hasMessageContaining("missing.tsv is not a readable file");
        assertThat(KnownCheckpoints.standard().entries()).noneMatch(e -> e.source().contains(tmp.toString()));
    }

    @Test
    void hashesAreCachedByPathSizeAndMtime() throws IOException {
        Path f = Files.writeString(tmp.resolve("w.bin"), "aaaa");
        FileTime t = Files.getLastModifiedTime(f);
        String first = Checksums.sha256(f);
        Files.writeString(f, "bbbb");                 // same size, mtime restored: the cached hash is reused
        Files.setLastModifiedTime(f, t);
        assertThat(Checksums.sha256(f)).isEqualTo(first);
        Files.setLastModifiedTime(f, FileTime.fromMillis(t.toMillis() + 5000));   // touched: hashed again
        assertThat(Checksums.sha256(f)).isNotEqualTo(first)
                .isEqualTo("81cc5b17018674b401b42f35ba07bb79e211239c23bffe658da1577e3e646877");
    }

    private Path registry(String model, String file, long size, String sha) throws IOException {
        return Files.writeString(tmp.resolve("user_registry.tsv"),
                header() + model + "\t" + file + "\t" + size + "\t" + sha + "\tfixture\n");
    }

    private static String header() {
        return "model\tfile\tsize_bytes\tsha256\tseen_at\n";
    }
}
