package org.scjava.models.platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each platform profile of the root POM resolves the CPU libtorch jar of its platform from Maven Central (DJL 0.36:
 * linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64), the profile matching this machine is the one Maven activates
 * by itself, an Apple-silicon {@code os.name}/{@code os.arch} activates the macOS jar, and an Intel Mac gets the
 * enforcer's message instead of a build that cannot load models. Runs real Maven on a throwaway project whose parent
 * is this repository's POM (the first run downloads the three other jars, about 190 MB, into ~/.m2).
 */
class PlatformProfilesTest {

    static final List<String> PROFILES = List.of("native-linux-x86_64", "native-linux-aarch64", "native-osx-aarch64",
            "native-win-x86_64");
    static Path project;

    @BeforeAll
    static void throwawayProject() throws IOException {
        Path root = Path.of(System.getProperty("scjava.repo.root", "..")).toAbsolutePath().normalize();
        project = Files.createDirectories(root.resolve("models/target/platform-check"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.scjava</groupId>
                    <artifactId>scjava-parent</artifactId>
                    <version>0.1.0-SNAPSHOT</version>
                    <relativePath>../../../pom.xml</relativePath>
                  </parent>
                  <artifactId>platform-check</artifactId>
                  <dependencies>
                    <dependency>
                      <groupId>ai.djl.pytorch</groupId>
                      <artifactId>pytorch-native-cpu</artifactId>
                      <classifier>${pytorch.native.classifier}</classifier>
                    </dependency>
                  </dependencies>
                </project>
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native-linux-x86_64", "native-linux-aarch64", "native-osx-aarch64", "native-win-x86_64"})
    void eachProfileResolvesItsNativeJar(String profile) throws Exception {
        List<String> selection = new ArrayList<>(List.of(profile));
        PROFILES.stream().filter(p -> !p.equals(profile)).forEach(p -> selection.add("!" + p));
        String classifier = profile.substring("native-".length());
        assertThat(nativeJar(List.of("-P", String.join(",", selection)), Map.of()))
                .isEqualTo("ai.djl.pytorch:pytorch-native-cpu:jar:" + classifier + ":2.7.1:compile");
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/ai/djl/pytorch/pytorch-native-cpu/2.7.1",
                "pytorch-native-cpu-2.7.1-" + classifier + ".jar");
        assertThat(jar).as("resolved into the local repository").isNotEmptyFile();
    }

    @Test
    void mavenActivatesTheProfileOfTheMachineItRunsOn() throws Exception {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        String here = (os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux") + "-" + arch;
        assertThat(nativeJar(List.of(), Map.of())).contains(":" + here + ":");
        assertThat(nativeJar(List.of(), Map.of("MAVEN_OPTS", "-Dos.name=Mac -Dos.arch=aarch64")))
                .contains(":osx-aarch64:");
    }

    @Test
    void anIntelMacIsToldWhyNotInsteadOfGettingABrokenBuild() throws Exception {
        Result r = maven(List.of("validate"), Map.of("MAVEN_OPTS", "-Dos.name=Mac -Dos.arch=x86_64"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("publishes no libtorch for Intel Macs");
    }

    /** The pytorch-native-cpu line of {@code mvn dependency:list} with {@code args}. */
    private static String nativeJar(List<String> args, Map<String, String> env) throws Exception {
        Path out = project.resolve("deps.txt");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(args);
        cmd.addAll(List.of("dependency:list", "-DexcludeTransitive=true", "-DoutputFile=" + out));
        Result r = maven(cmd, env);
        assertThat(r.exit()).as(r.output()).isZero();
        return Files.readAllLines(out).stream().map(String::trim).filter(l -> l.contains("pytorch-native-cpu"))
                .findFirst().orElse("none in: " + Files.readString(out));
    }

    record Result(int exit, String output) {
    }

    private static Result maven(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("mvn " + args + " did not finish in 10 minutes");
        }
        return new Result(p.exitValue(), output);
    }
}
