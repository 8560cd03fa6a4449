package org.scjava.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./scjava quickstart}: executes the tutorial notebook {@code notebooks/01-quickstart.ipynb} headless with the
 * scjava kernel (Jupyter's nbclient, as CI does), writes the executed notebook and its HTML, and prints the time of
 * each cell and the notebook's summary (the Leiden clusters against the published labels). The kernelspec it uses is
 * private to the output folder ({@code JUPYTER_PATH}), so nothing is installed for the user.
 * {@code --no-notebook} runs the same workflow in this JVM without Jupyter ({@link QuickstartPipeline}).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Run the quickstart tutorial on the bundled PBMC 4k data (data/pbmc4k_soupx_2170cells_counts.h5ad): "
                + "executes notebooks/01-quickstart.ipynb headless with the scjava kernel (QC, normalize, HVG, PCA, "
                + "UMAP, Leiden, marker genes), writes the executed notebook as HTML to build/quickstart/, and prints "
                + "cell times and the clusters x published labels table.",
                "Needs Jupyter's nbclient/nbconvert (Debian: " + NotebookExecution.DEBIAN_PACKAGES + "; the ./scjava "
                + "launcher installs them). --no-notebook runs the same steps without Jupyter."})
public final class QuickstartCommand implements Callable<Integer> {

    static final String NOTEBOOK = "01-quickstart.ipynb";

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: build/quickstart under the scjava home)")
    Path out;

    @Option(names = "--no-notebook", description = "run the workflow in this JVM instead of the notebook (no Jupyter needed); "
            + "writes figures and the analysed h5ad")
    boolean noNotebook;

    @Option(names = "--data", paramLabel = "FILE", description = "with --no-notebook: an h5ad file to use instead of the bundled PBMC 4k data")
    Path data;

    @Override
    public Integer call() throws Exception {
        Path dir = (out != null ? out : ScjavaHome.path("build", "quickstart")).toAbsolutePath();
        if (noNotebook) {
            return QuickstartPipeline.run(data != null ? data : ScjavaHome.path("data", "pbmc4k_soupx_2170cells_counts.h5ad"), dir);
        }
        if (data != null) {
            System.err.println("scjava quickstart: --data works with --no-notebook only (the notebook reads the bundled "
                    + "PBMC 4k data; open notebooks/01-quickstart.ipynb with ./scjava notebook to change it)");
            return 2;
        }
        Path notebook = ScjavaHome.path("notebooks", NOTEBOOK);
        if (!Files.isRegularFile(notebook)) {
            System.err.println("scjava quickstart: " + notebook + " is missing");
            return 2;
        }
        Map<String, String> jupyter = PrivateKernelspec.install(dir.resolve("jupyter"));
        System.out.println("executing " + ScjavaHome.root().relativize(notebook) + " with the scjava kernel (Jupyter nbclient) ...");
        NotebookExecution.Result r = NotebookExecution.withKernel(KernelSpec.NAME, jupyter)
                .run(notebook.getParent(), dir, List.of(notebook), line -> {
                    if (line.startsWith("  ")) { // the runner's cell lines; the kernel's own log stays out
                        System.out.println(line);
                    }
                }).get(0);
        if (!r.ok()) {
            System.err.println("\nscjava quickstart: the notebook failed\n" + r.failure());
            return 1;
        }
        System.out.printf(java.util.Locale.ROOT, "%n%d cells ran in %.1f s%n", r.cells().size(), r.totalSeconds());
        for (String s : r.summary()) {
            System.out.println();
            System.out.print(s);
        }
        System.out.println("\nexecuted notebook: " + r.html());
        System.out.println("                   " + r.ipynb());
        System.out.println("open the HTML in a browser, or run the notebook yourself with ./scjava notebook");
        return 0;
    }
}
