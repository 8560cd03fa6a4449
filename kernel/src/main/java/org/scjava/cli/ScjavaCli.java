package org.scjava.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Java side of the {@code ./scjava} launcher. Each subcommand is its own class in this package (or the module
 * that owns it) and is listed here; {@code --help} works on every one.
 */
@Command(name = "scjava", mixinStandardHelpOptions = true, versionProvider = ScjavaCli.Version.class,
        description = "Java 21 single-cell genomics DSL, foundation-model runtime and Jupyter kernel.",
        subcommands = {
            QuickstartCommand.class,
            RunCommand.class,
            InstallKernelCommand.class,
            NotebookCommand.class,
            SynthCommand.class,
        })
public final class ScjavaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ScjavaCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ScjavaCli.class.getPackage().getImplementationVersion();
            return new String[] {"scjava " + (v == null ? "dev" : v) + ", Java " + Runtime.version()};
        }
    }
}
