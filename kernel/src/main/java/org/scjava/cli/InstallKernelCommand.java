package org.scjava.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./scjava install-kernel}: installs the kernelspec "scjava" for Jupyter, after a self-test of the kernel that
 * also records its startup archive. Uses {@code jupyter kernelspec install} when Jupyter is installed (it knows the
 * right folders), else writes the user or prefix folder itself.
 */
@Command(name = "install-kernel", mixinStandardHelpOptions = true,
        description = {"Install the Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" (kernelspec name "
                + KernelSpec.NAME + ") for this build and JDK; 'jupyter kernelspec list' shows it.",
                "Runs a self-test of the kernel first and records a startup archive (AppCDS / AOT cache) from it."})
public final class InstallKernelCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "--user", description = "install for the current user (default)")
        boolean user;

        @Option(names = "--sys-prefix", description = "install into the prefix of the Python running Jupyter (needs jupyter)")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "install into DIR/share/jupyter/kernels")
        Path prefix;
    }

    @Option(names = "--no-startup-archive", description = "skip the self-test and the startup archive")
    boolean noArchive;

    @Override
    public Integer call() throws Exception {
        Path target = runtimeDir();
        Path home = home(target);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> extra = new ArrayList<>(javaOpts());
        if (!noArchive) {
            StartupArchive archive = StartupArchive.forBuild(target);
            System.out.println("self-testing the kernel and recording its startup archive (" + archive.file() + ") ...");
            archive.build(java, KernelSpec.jvmFlags(home, extra), target);
            extra.addAll(archive.runFlags());
        }
        Map<String, Object> json = KernelSpec.kernelJson(java, KernelSpec.jvmFlags(home, extra), target, home);
        Path staging = Files.createTempDirectory("scjava-kernelspec");
        Path spec = staging.resolve(KernelSpec.NAME);
        KernelSpec.write(spec, json);
        try {
            Path installed = install(spec);
            System.out.println("installed kernelspec '" + KernelSpec.NAME + "' (" + KernelSpec.DISPLAY_NAME + ") in " + installed);
            System.out.println("java: " + java + " (" + Runtime.version() + ")");
            return 0;
        } finally {
            deleteTree(staging);
        }
    }

    private Path install(Path spec) throws IOException, InterruptedException {
        if (Jupyter.available()) {
            List<String> cmd = new ArrayList<>(List.of("kernelspec", "install", "--replace", "--name", KernelSpec.NAME));
            if (target.sysPrefix) {
                cmd.add("--sys-prefix");
            } else if (target.prefix != null) {
                cmd.add("--prefix");
                cmd.add(target.prefix.toAbsolutePath().toString());
            } else {
                cmd.add("--user");
            }
            cmd.add(spec.toString());
            String out = Jupyter.run(cmd);
            String marker = "Installed kernelspec " + KernelSpec.NAME + " in ";
            int at = out.indexOf(marker);
            return at >= 0 ? Path.of(out.substring(at + marker.length()).strip()) : Path.of(out.strip());
        }
        Path dir;
        if (target.sysPrefix) {
            throw new IOException("--sys-prefix needs Jupyter (the 'jupyter' command) to find its prefix; install "
                    + "Jupyter (Debian: apt-get install jupyter-client jupyter-notebook) or use --user / --prefix DIR");
        } else if (target.prefix != null) {
            dir = target.prefix.toAbsolutePath().resolve("share/jupyter/kernels").resolve(KernelSpec.NAME);
        } else {
            dir = Jupyter.userDataDir().resolve("kernels").resolve(KernelSpec.NAME);
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        try (var files = Files.list(spec)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** The build folder holding the kernel jar and lib/ (kernel/target), from where this class was loaded. */
    static Path runtimeDir() throws URISyntaxException {
        Path jar = Path.of(InstallKernelCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath();
        Path dir = jar.getParent();
        if (!Files.isDirectory(dir.resolve("lib"))) {
            throw new IllegalStateException("no lib/ folder beside " + jar + ": build with ./scjava build first");
        }
        return dir;
    }

    /** The repository root: -Dscjava.home from the launcher, else two levels above kernel/target. */
    static Path home(Path target) {
        String h = System.getProperty("scjava.home");
        return h != null ? Path.of(h).toAbsolutePath() : target.getParent().getParent();
    }

    private static List<String> javaOpts() {
        String opts = System.getenv("JAVA_OPTS");
        return opts == null || opts.isBlank() ? List.of() : Arrays.asList(opts.strip().split("\\s+"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
