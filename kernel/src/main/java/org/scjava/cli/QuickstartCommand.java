package org.scjava.cli;

import org.scjava.dsl.atlas.Atlas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./scjava quickstart}: loads the bundled PBMC 4k data and prints a summary. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the quickstart on the bundled PBMC 4k data (data/pbmc4k_soupx_2170cells_counts.h5ad) and print a summary.")
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--data", description = "h5ad file to use instead of the bundled PBMC 4k data")
    Path data;

    @Override
    public Integer call() {
        Path file = data != null ? data : ScjavaHome.path("data", "pbmc4k_soupx_2170cells_counts.h5ad");
        Atlas atlas = Atlas.load(file);
        System.out.println(atlas);
        return 0;
    }
}
