package org.scjava.dsl.tasks;

import org.scjava.dsl.api.ProteinEmbedder;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.io.Fasta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code attachProteinEmbeddings}: gives each gene the embedding of its protein from a protein language model (ESM-2,
 * Lin et al. 2023, doi:10.1126/science.ade2574; mean over residues as facebookresearch/esm {@code scripts/extract.py}
 * computes it), so gene programs and gene-level analyses can use sequence information.
 *
 * <p><b>Reads</b> the gene symbols of var (the index, or the string var column that matches the sequences best) and
 * protein sequences: a FASTA file whose records name their gene (UniProt {@code GN=...}, else the first word of the
 * header), or a table with a gene column (named {@code gene}, {@code gene_name} or {@code symbol}, else the first
 * column) and a {@code sequence} column. When a gene has several records (isoforms) the first one is used.
 * <b>Writes</b> {@code varm["X_<model>"]} (n_vars × d, float32; zero rows for genes without a sequence),
 * {@code var["<model>_protein"]} (boolean: the gene has an embedding) and one history entry with the model's
 * provenance and the number of genes covered. Refuses when no var gene has a sequence. Memory: n_vars × d floats; only
 * the sequences of genes present in var are embedded.
 */
public final class AttachProteinEmbeddings {

    private static final Logger LOG = LoggerFactory.getLogger(AttachProteinEmbeddings.class);

    private AttachProteinEmbeddings() {
    }

    /** Sequences from a FASTA file. */
    public static AtlasData attach(AtlasData atlas, ProteinEmbedder model, Path fasta) {
        Map<String, String> byGene = new LinkedHashMap<>();
        int isoforms = 0;
        for (Fasta.Record r : Fasta.read(fasta)) {
            if (byGene.putIfAbsent(r.gene(), r.sequence()) != null) {
                isoforms++;
            }
        }
        if (isoforms > 0) {
            LOG.info("attachProteinEmbeddings: {} further records of genes seen earlier in {} were skipped (first"
                    + " record per gene is used)", isoforms, fasta.getFileName());
        }
        return attach(atlas, model, byGene, fasta.toString());
    }

    /** Sequences from a table with a gene column and a {@code sequence} column. */
    public static AtlasData attach(AtlasData atlas, ProteinEmbedder model, Table table) {
        Column<?> seq = table.columnNames().contains("sequence") ? table.column("sequence")
                : table.columnCount() > 1 ? table.column(1) : null;
        Column<?> gene = null;
        for (String n : new String[] {"gene", "gene_name", "symbol"}) {
            if (table.columnNames().contains(n)) {
                gene = table.column(n);
            }
        }
        gene = gene == null ? table.column(0) : gene;
        if (!(seq instanceof StringColumn s) || !(gene instanceof StringColumn g) || gene == seq) {
            throw new AtlasException("attachProteinEmbeddings: table '" + table.name() + "' needs a string gene column"
                    + " (gene, gene_name or symbol, else the first column) and a string 'sequence' column; it has "
                    + table.columnNames());
        }
        Map<String, String> byGene = new LinkedHashMap<>();
        for (int i = 0; i < table.rowCount(); i++) {
            if (!g.isMissing(i) && !s.isMissing(i)) {
                byGene.putIfAbsent(g.get(i), s.get(i));
            }
        }
        return attach(atlas, model, byGene, "table '" + table.name() + "'");
    }

    private static AtlasData attach(AtlasData atlas, ProteinEmbedder model, Map<String, String> byGene, String source) {
        long start = System.nanoTime();
        GeneKey key = geneKey(atlas, byGene);
        List<Integer> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        Map<String, Integer> done = new HashMap<>();
        int[] sourceRow = new int[key.genes.length];
        for (int i = 0; i < key.genes.length; i++) {
            String gene = key.genes[i];
            sourceRow[i] = -1;
            if (gene == null || !byGene.containsKey(gene)) {
                continue;
            }
            Integer seen = done.get(gene);
            if (seen == null) {
                seen = labels.size();
                done.put(gene, seen);
                labels.add(gene);
                sequences.add(byGene.get(gene));
            }
            sourceRow[i] = seen;
            rows.add(i);
        }
        if (labels.isEmpty()) {
            throw new AtlasException("attachProteinEmbeddings: none of the " + key.genes.length + " genes in " + key.source
                    + " has a sequence in " + source + " (" + byGene.size() + " genes there, e.g. "
                    + byGene.keySet().stream().limit(3).toList() + "); the FASTA headers must name genes by the same"
                    + " identifiers as var (UniProt 'GN=' symbols, or the gene as the first word of the header)");
        }
        float[][] emb = model.embedProteins(labels, sequences);
        int d = model.dim();
        float[] varm = new float[key.genes.length * d];
        boolean[] has = new boolean[key.genes.length];
        for (int i = 0; i < key.genes.length; i++) {
            if (sourceRow[i] >= 0) {
                System.arraycopy(emb[sourceRow[i]], 0, varm, i * d, d);
                has[i] = true;
            }
        }
        String keyAdded = "X_" + model.name();
        String flag = model.name() + "_protein";
        atlas.putVarm(keyAdded, new DenseMatrix(key.genes.length, d, varm));
        Table var = atlas.var().copy();
        if (var.columnNames().contains(flag)) {
            var.removeColumns(flag);
        }
        var.addColumns(BooleanColumn.create(flag, has));
        atlas.setVar(var);
        Map<String, Object> params = new LinkedHashMap<>(model.provenance());
        params.put("sequences", source);
        params.put("gene_key", key.source);
        params.put("genes_with_protein", rows.size());
        params.put("genes_in_data", key.genes.length);
        params.put("proteins_embedded", labels.size());
        return atlas.record("attachProteinEmbeddings", params, start, "wrote varm['" + keyAdded + "'] (" + key.genes.length
                + " x " + d + ", " + rows.size() + " genes with a protein) and var['" + flag + "']");
    }

    private record GeneKey(String[] genes, String source) {
    }

    /** The var index, or the string var column naming the most genes that have a sequence. */
    private static GeneKey geneKey(AtlasData atlas, Map<String, String> byGene) {
        GeneKey best = new GeneKey(atlas.varNames().toArray(String[]::new), "var index");
        long bestHits = hits(best.genes, byGene);
        for (int c = 1; c < atlas.var().columnCount(); c++) {
            if (atlas.var().column(c) instanceof StringColumn s) {
                String[] ids = s.asObjectArray();
                long h = hits(ids, byGene);
                if (h > bestHits) {
                    best = new GeneKey(ids, "var['" + s.name() + "']");
                    bestHits = h;
                }
            }
        }
        return best;
    }

    private static long hits(String[] ids, Map<String, String> byGene) {
        long n = 0;
        for (String id : ids) {
            if (id != null && byGene.containsKey(id)) {
                n++;
            }
        }
        return n;
    }
}
