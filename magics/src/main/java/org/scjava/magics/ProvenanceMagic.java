package org.scjava.magics;

import ai.djl.engine.Engine;
import org.scjava.models.api.ModelCard;
import org.scjava.models.runtime.Runtimes;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code %provenance}: the versions a result depends on (scjava and its git commit, the JDK, DJL and libtorch,
 * Tablesaw, XChart, jhdf) and the checkpoint checksum of each model held in a variable: a reproducibility cell
 * for papers.
 */
public final class ProvenanceMagic implements Magic {

    private final List<String> components = new ArrayList<>();
    private final List<String> versions = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    @Override
    public String name() {
        return "provenance";
    }

    @Override
    public String usage() {
        return "%provenance";
    }

    @Override
    public String help() {
        return "Lists scjava's version and git commit, the Java runtime, DJL and the libtorch it loads, the Tablesaw/"
                + "XChart/jhdf versions, and each model held in a variable with its checkpoint sha256.";
    }

    @Override
    public synchronized Object run(MagicContext context, List<String> args, String body) {
        components.clear();
        versions.clear();
        details.clear();
        String home = System.getProperty("scjava.home", "");
        add("scjava", mavenVersion("org.scjava", "scjava-magics"), home.isEmpty() ? "" : GitCommit.describe(home));
        add("Java", Runtime.version().toString(), System.getProperty("java.vendor") + ", " + System.getProperty("java.home"));
        add("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPU threads");
        add("DJL", Engine.getDjlVersion(), "");
        try {
            // The runtime's report loads nothing: libtorch is chosen by the first model load (CPU or CUDA flavour).
            Map<String, String> report = Runtimes.engine().report();
            String libtorch = report.getOrDefault("libtorch", "not loaded");
            add("libtorch", libtorch.contains(":") ? libtorch.substring(0, libtorch.indexOf(':')) : "not loaded yet",
                    libtorch + (report.containsKey("--device gpu") ? "; --device gpu " + report.get("--device gpu") : ""));
        } catch (RuntimeException | LinkageError e) {
            add("libtorch", "not loaded", e.getMessage());
        }
        add("Tablesaw", mavenVersion("tech.tablesaw", "tablesaw-core"), "");
        add("XChart", mavenVersion("org.knowm.xchart", "xchart"), "");
        add("jhdf", mavenVersion("io.jhdf", "jhdf"), "");
        ModelHandles.find(context).forEach((variable, model) -> {
            ModelCard card = model.card();
            add("model " + variable, card.kind() + " '" + card.name() + "'", "sha256 " + card.checkpointSha256() + " ("
                    + card.checkpoint() + ", " + card.vocabSize() + " tokens, from " + card.directory() + ")");
        });
        return Table.create("provenance", StringColumn.create("component", components),
                StringColumn.create("version", versions), StringColumn.create("detail", details));
    }

    private void add(String component, String version, String detail) {
        components.add(component);
        versions.add(version == null ? "unknown" : version);
        details.add(detail == null ? "" : detail);
    }

    /** The version in a jar's Maven descriptor (META-INF/maven/G/A/pom.properties). */
    static String mavenVersion(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ProvenanceMagic.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}
