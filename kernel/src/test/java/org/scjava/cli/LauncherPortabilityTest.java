package org.scjava.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher runs on macOS's bash 3.2 and off Debian: ShellCheck (Debian's {@code shellcheck}) finds nothing in the
 * launcher scripts, none of them uses a bash-4-only feature (a list of constructs bash 3.2 rejects or treats
 * differently), and its pure-bash helpers behave under {@code set -euo pipefail} where bash 3.2 is strictest (an empty
 * array, a symlinked javac, a system without dpkg).
 */
class LauncherPortabilityTest {

    static final Path ROOT = Launcher.ROOT;
    static final List<String> SCRIPTS = List.of("scjava", "scripts/lib.sh", ".ci/run", "bench/gpu/run.sh",
            "bench/gpu/prepare.sh");

    /** Bash ≥ 4 constructs, each with what to use instead on bash 3.2. */
    static final Map<String, String> BASH4 = Map.ofEntries(
            Map.entry("(declare|local|typeset) -[a-zA-Z]*A", "associative arrays"),
            Map.entry("(declare|local|typeset) -[a-zA-Z]*n\\b", "name references"),
            Map.entry("\\$\\{[#!]?[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?(,,?|\\^\\^?)[^}]*\\}", "case conversion ${x,,}"),
            Map.entry("\\$\\{[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?@[QEPAaKkUuL]\\}", "${x@Q} transformations"),
            Map.entry("\\b(mapfile|readarray|coproc)\\b", "mapfile/readarray/coproc"),
            Map.entry("\\|&", "|& (use 2>&1 |)"),
            Map.entry(";;&|[^;];&", "case fall-through ;& ;;&"),
            Map.entry("shopt -s (globstar|lastpipe|direxpand)", "bash 4 shell options"),
            Map.entry("\\bwait -n\\b", "wait -n"),
            Map.entry("\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]+\\]\\}", "negative array indices"),
            Map.entry("\\$(EPOCHSECONDS|EPOCHREALTIME|BASHPID)\\b", "bash 5 variables"),
            Map.entry("readlink -f", "readlink -f (macOS < 12.3 lacks it; use scjava_realpath)"),
            Map.entry("sort (-[a-zA-Z]*V|--version-sort)", "sort -V (not in macOS's sort)"),
            Map.entry("in \"\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[@\\]\\}\"", "an array that may be empty expanded under set -u"
                    + " (bash < 4.4 calls it unbound; write ${a[@]+\"${a[@]}\"})"));

    @Test
    void shellcheckFindsNothing() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--shell=bash", "--severity=info"));
        SCRIPTS.forEach(s -> cmd.add(ROOT.resolve(s).toString()));
        Run r = run(cmd, Map.of(), ROOT); // source= directives are relative to the repository root
        assertThat(r.output()).as("shellcheck output").isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void noBash4OnlyConstructs() throws IOException {
        List<String> found = new ArrayList<>();
        for (String script : SCRIPTS) {
            List<String> lines = Files.readAllLines(ROOT.resolve(script), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("^\\s*#.*$", "");
                for (Map.Entry<String, String> e : BASH4.entrySet()) {
                    if (Pattern.compile(e.getKey()).matcher(code).find()) {
                        found.add(script + ":" + (i + 1) + ": " + e.getValue() + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(found).as("bash-4-only constructs").isEmpty();
    }

    @Test
    void theConstructListCatchesWhatItNames() {
        for (String bad : List.of("declare -A m", "echo ${x,,}", "mapfile -t a < f", "ls |& cat", "readlink -f x",
                "for c in \"${arr[@]}\"; do", "sort -rV", "local -n ref=x", "echo ${a[-1]}")) {
            assertThat(BASH4.keySet().stream().anyMatch(p -> Pattern.compile(p).matcher(bad).find())).as(bad).isTrue();
        }
        assertThat(BASH4.keySet().stream().anyMatch(p -> Pattern.compile(p).matcher(
                "for c in ${arr[@]+\"${arr[@]}\"}; do echo ${#arr[@]} ${x:-y} ${x%/}").find())).isFalse();
    }

    @Test
    void helpersWorkUnderStrictModeWithoutJdkJavacOrDpkg(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("dirname", "basename", "sed", "sort", "cat", "readlink", "uname", "head", "grep", "id")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Path a = Files.writeString(tmp.resolve("real.txt"), "x");
        Files.createSymbolicLink(tmp.resolve("link1"), a);
        Files.createSymbolicLink(tmp.resolve("link2"), Path.of("link1"));
        Files.writeString(tmp.resolve("list.txt"), "python3-nbclient\n# elsewhere: pip install nbclient\n");
        String script = "set -euo pipefail; ROOT=" + ROOT + "; source \"$ROOT/scripts/lib.sh\"\n"
                + "echo \"real=$(scjava_realpath " + tmp.resolve("link2") + ")\"\n"
                + "echo \"cp=$(scjava_classpath /a/* /b/*)\"\n"
                + "scjava_install_apt " + tmp.resolve("list.txt") + "\n"
                + "scjava_find_jdk\n";
        Run r = run(List.of("/bin/bash", "-c", script), Map.of("PATH", bin.toString(), "HOME", tmp.toString()), tmp);
        assertThat(r.output()).contains("real=" + a.toRealPath())
                .contains("cp=/a/*:/b/*")
                .contains("not a Debian system").contains("pip install nbclient")
                .doesNotContain("unbound variable");
        if (!Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            assertThat(r.output()).contains("no JDK >= 21 found");
        } else {
            assertThat(r.exit()).as(r.output()).isZero();
        }
    }

    record Run(int exit, String output) {
    }

    static Run run(List<String> cmd, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (env.containsKey("PATH")) {
            pb.environment().clear();
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        return new Run(p.exitValue(), out);
    }
}
