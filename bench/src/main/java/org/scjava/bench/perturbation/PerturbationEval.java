package org.scjava.bench.perturbation;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.baselines.ExpressionGenePrograms;
import org.scjava.dsl.baselines.PerturbationEvaluation;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.tasks.perturb.PerturbableModels;
import org.scjava.dsl.tasks.perturb.PerturbationScreen;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ModelGeneEmbeddings;
import org.scjava.dsl.tasks.programs.ModelGenePrograms;
import org.scjava.dsl.tasks.programs.ProgramGenes;
import org.scjava.models.Models;
import org.scjava.models.geneformer.GeneformerModel;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The perturbation and gene-program evaluation of issue 8 (run by bench/perturbation/run.sh):
 * (1) Kang et al. IFN-β PBMCs, each cell type's stim response predicted from the other four: no change, mean shift,
 * linear model on PCA gene embeddings (baselines) and the linear model on Geneformer contextual gene embeddings;
 * (2) in-silico perturbation throughput and a small screen on the same cells; (3) gene programs on PBMC 4k from
 * Geneformer contextual gene embeddings vs expression correlation on the same genes. The Geneformer here has the
 * real V1 dictionaries but random weights (no pretrained weights are available offline): its rows check plumbing,
 * not biology. Args: DATA_DIR MODEL_DIR OUT_DIR.
 */
public final class PerturbationEval {

    private PerturbationEval() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        try (GeneformerModel gf = Models.geneformer(args[1])) {
            PerturbableModel m = PerturbableModels.of(gf);
            Atlas kang = Atlas.load(data.resolve("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad"));
            heldOutCellTypes(kang, m, out);
            inSilico(kang, gf, out);
            Atlas pbmc = Atlas.load(data.resolve("pbmc4k_soupx_2170cells_counts.h5ad"));
            pbmc = pbmc.subset(pbmc.obs().stringColumn("cell_type").isNotEqualTo("?").toArray(), null);
            programs(pbmc, gf, m, out);
        }
    }

    private static void heldOutCellTypes(Atlas kang, PerturbableModel m, Path out) throws Exception {
        long t0 = System.nanoTime();
        DenseMatrix g = geneformerGeneEmbedding(kang, m);
        double embedS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        Table t = PerturbationEvaluation.evaluate(kang, "cell_type", "stim", List.of(PerturbationEvaluation.noChange(),
                PerturbationEvaluation.meanShift(), PerturbationEvaluation.linearPca(50, 0),
                PerturbationEvaluation.linear("linear, Geneformer contextual gene emb. (random weights)", g)),
                PerturbationEvaluation.Options.defaults());
        double evalS = (System.nanoTime() - t0) / 1e9;
        t.write().csv(out.resolve("kang_heldout_per_celltype.csv").toString());
        Table s = PerturbationEvaluation.summary(t);
        s.write().csv(out.resolve("kang_heldout_summary.csv").toString());
        System.out.println("== 1. Kang IFN-β: stim response of a held-out cell type (5 folds; Pearson of predicted vs"
                + " observed mean shift on the top 100 DE genes, on all 1,267 genes; RMSE on top DE)");
        System.out.println(t.printAll());
        System.out.println(s.printAll());
        System.out.printf(Locale.ROOT, "(Geneformer contextual gene embeddings: %.1f s; evaluation: %.1f s)%n%n",
                embedS, evalS);
    }

    /** Contextual gene embeddings of every Kang gene (zero rows for genes outside the Geneformer dictionary). */
    private static DenseMatrix geneformerGeneEmbedding(Atlas kang, PerturbableModel m) {
        List<String> genes = kang.varNames();
        ModelGeneEmbeddings.GeneVectors v = ModelGeneEmbeddings.of(kang, m, genes,
                ModelGeneEmbeddings.Source.CONTEXTUAL, 1556, 0);
        int d = v.vectors().nCols();
        float[] all = new float[genes.size() * d];
        var at = kang.varIndex();
        for (int i = 0; i < v.genes().size(); i++) {
            System.arraycopy(v.vectors().row(i), 0, all, at.get(v.genes().get(i)) * d, d);
        }
        System.out.printf(Locale.ROOT, "Geneformer covers %d of %d Kang genes%n", v.genes().size(), genes.size());
        return new DenseMatrix(genes.size(), d, all);
    }

    private static void inSilico(Atlas kang, GeneformerModel gf, Path out) throws Exception {
        System.out.println("== 2. In-silico perturbation on the Kang cells (Geneformer V1 semantics, random weights)");
        for (String mode : List.of("delete", "overexpress")) {
            long t0 = System.nanoTime();
            Table cells = kang.perturb(gf, "ISG15", mode, "stim", "stim");
            double s = (System.nanoTime() - t0) / 1e9;
            Table ctrl = cells.where(cells.stringColumn("cell").isIn(kang.obs().where(
                    kang.obs().stringColumn("stim").isEqualTo("ctrl")).stringColumn(0).asList()));
            System.out.printf(Locale.ROOT, "ISG15 %-11s %5d cells in %6.1f s (%6.1f cells/s, 2 forward passes each);"
                    + " mean 1-cos %.3e; mean goal shift of ctrl cells toward stim %+.3e%n", mode, cells.rowCount(), s,
                    cells.rowCount() / s, 1 - cells.doubleColumn("cos_sim_original_vs_perturbed").mean(),
                    ctrl.doubleColumn("goal_shift").mean());
            cells.write().csv(out.resolve("kang_isg15_" + mode + ".csv").toString());
        }
        long t0 = System.nanoTime();
        Table screen = kang.perturbScreen(gf, List.of("ISG15", "IFI6", "CD3E", "LYZ"), "delete",
                PerturbationScreen.Options.defaults().withNNull(10).withMaxCells(50));
        System.out.printf(Locale.ROOT, "screen (delete; 10 matched random genes each, ≤ 50 cells): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        System.out.println(screen.selectColumns("gene", "n_cells", "mean_shift", "null_mean", "null_sd", "n_null", "p_value",
                "p_adj").printAll());
        screen.write().csv(out.resolve("kang_screen.csv").toString());
        System.out.println();
    }

    private static void programs(Atlas pbmc, GeneformerModel gf, PerturbableModel m, Path out) throws Exception {
        System.out.println("== 3. Gene programs on PBMC 4k (2,150 labelled cells): model gene embeddings vs expression"
                + " correlation, same genes (2,000 HVGs that Geneformer covers), same kNN + Leiden + GO BP test");
        List<String> hvg = ProgramGenes.highlyVariable(pbmc, 2000);
        long t0 = System.nanoTime();
        GeneProgramsResult fm = ModelGenePrograms.apply(pbmc, m, ModelGenePrograms.Options.defaults()
                .withGenes(hvg).withMaxCells(500));
        double fmS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        GeneProgramsResult ex = ExpressionGenePrograms.apply(pbmc, ExpressionGenePrograms.Options.defaults()
                .withGenes(fm.genes()));
        double exS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-72s %6s %8s %14s %15s %8s%n", "source", "genes", "modules", "enriched (GO)",
                "mean coherence", "time s");
        row(fm, fmS);
        row(ex, exS);
        fm.summary().write().csv(out.resolve("pbmc_programs_geneformer.csv").toString());
        ex.summary().write().csv(out.resolve("pbmc_programs_expression.csv").toString());
        ex.enrichment().write().csv(out.resolve("pbmc_programs_expression_enrichment.csv").toString());
        fm.heatmap().save(out.resolve("pbmc_programs_geneformer.png"));
        ex.heatmap().save(out.resolve("pbmc_programs_expression.png"));
        System.out.println(ex.summary().selectColumns("module", "n_genes", "coherence", "n_enriched_sets", "top_set")
                .printAll());
    }

    private static void row(GeneProgramsResult r, double seconds) {
        int genes = r.genes().size();
        System.out.printf(Locale.ROOT, "%-72s %6d %8d %14s %15.4f %8.1f%n", r.source(), genes, r.moduleGenes().size(),
                r.nEnrichedModules() + " / " + r.moduleGenes().size(), r.meanCoherence(), seconds);
    }
}
