package org.scjava.magics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Maven Resolver against a file:// repository made in the test (no network needed). */
class MavenResolverTest {

    @TempDir
    Path tmp;

    private void deploy(Path repo, String artifact, String dependencyXml) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("org/example").resolve(artifact).resolve("1.0"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve(artifact + "-1.0.jar")))) {
            jar.putNextEntry(new ZipEntry("org/example/" + artifact + ".txt"));
            jar.write(artifact.getBytes());
        }
        Files.writeString(dir.resolve(artifact + "-1.0.pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>%s</artifactId><version>1.0</version>
                  <dependencies>%s</dependencies></project>""".formatted(artifact, dependencyXml));
    }

    @Test
    void resolvesAnArtifactWithItsRuntimeDependencies() throws Exception {
        Path remote = tmp.resolve("remote");
        deploy(remote, "base", "");
        deploy(remote, "tool", "<dependency><groupId>org.example</groupId><artifactId>base</artifactId><version>1.0</version></dependency>"
                + "<dependency><groupId>org.example</groupId><artifactId>testonly</artifactId><version>1.0</version><scope>test</scope></dependency>");
        MavenResolver resolver = new MavenResolver(tmp.resolve("local"), List.of(remote.toUri().toString()), false);
        List<Path> jars = resolver.resolve("org.example:tool:1.0");
        assertThat(jars).extracting(p -> p.getFileName().toString()).containsExactly("tool-1.0.jar", "base-1.0.jar");
        assertThat(jars).allMatch(p -> p.startsWith(tmp.resolve("local")));
        // now cached locally: offline works
        assertThat(new MavenResolver(tmp.resolve("local"), List.of(), true).resolve("org.example:tool:1.0")).hasSize(2);
    }

    @Test
    void offlineWithoutALocalCopySaysWhatToDo() {
        MavenResolver resolver = new MavenResolver(tmp.resolve("empty"), List.of(MavenResolver.CENTRAL), true);
        assertThatThrownBy(() -> resolver.resolve("org.example:absent:1.0")).isInstanceOf(MagicException.class)
                .hasMessageContaining("cannot resolve org.example:absent:1.0")
                .hasMessageContaining("(offline)").hasMessageContaining("%jars PATH");
    }

    @Test
    void anUnreachableRepositoryIsNamed() {
        MavenResolver resolver = new MavenResolver(tmp.resolve("empty"), List.of("http://127.0.0.1:9/maven2/"), false);
        assertThatThrownBy(() -> resolver.resolve("org.example:absent:1.0")).isInstanceOf(MagicException.class)
                .hasMessageContaining("http://127.0.0.1:9/maven2/").hasMessageContaining("cannot be reached");
    }

    @Test
    void badCoordinatesAreExplained() {
        MavenResolver resolver = new MavenResolver(tmp.resolve("empty"), List.of(), true);
        assertThatThrownBy(() -> resolver.resolve("commons-math3")).hasMessageContaining("expected GROUP:ARTIFACT:VERSION");
    }
}
