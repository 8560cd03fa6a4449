package org.scjava.dsl.synthetic;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Progress;
import org.scjava.dsl.io.DelimitedText;
import org.scjava.dsl.io.h5ad.CategoricalArray;
import org.scjava.dsl.io.h5ad.H5adStreamWriter;
import org.scjava.dsl.io.h5ad.H5adWriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * Writes a synthetic single-cell atlas of any size as a chunked, compressed h5ad (the scale benchmarks' input):
 * negative-binomial UMI counts per gene with cell types and size factors ({@link SyntheticCounts}), real human gene
 * symbols and Ensembl ids (the bundled annotables GRCh38 table, protein-coding genes first), 10x-style barcodes, and
 * obs columns {@code cell_type}, {@code batch}, {@code total_counts}, {@code n_genes_by_counts}.
 *
 * <p>Memory is bounded whatever the number of cells: blocks of {@value #BLOCK} cells are generated on all cores and
 * streamed to disk in order (X never exists in memory); obs is kept as arrays (about 40 bytes per cell). Output is
 * deterministic in (cells, genes, seed).
 */
public final class SyntheticAtlas {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticAtlas.class);
    static final int BLOCK = 2048;
    private static final String GENE_TABLE = "/org/scjava/dsl/synthetic/genes_grch38_ensembl_symbol.tsv.gz";

    private SyntheticAtlas() {
    }

    /** What {@link #write} produced. */
    public record Summary(Path file, int cells, int genes, long nnz, double seconds) {
        public double density() {
            return (double) nnz / cells / genes;
        }
    }

    public static Summary write(Path out, int cells, int genes, long seed) {
        return write(out, cells, genes, seed, H5adWriteOptions.defaults());
    }

    public static Summary write(Path out, int cells, int genes, long seed, H5adWriteOptions options) {
        if (cells < 1 || genes < 1) {
            throw new IllegalArgumentException("need at least one cell and one gene, got " + cells + " x " + genes);
        }
        long start = System.nanoTime();
        String[][] geneIds = genes(genes);
        SyntheticCounts model = new SyntheticCounts(genes, seed);
        int[] type = new int[cells];
        float[] total = new float[cells];
        int[] detected = new int[cells];
        long nnz;
        H5adStreamWriter w = H5adStreamWriter.create(out, options);
        try (Progress p = Progress.start("synth", cells, "cells")) {
            nnz = streamX(w, model, cells, genes, type, total, detected, p);
            w.writeFrame("obs", "_index", barcodes(cells), obs(type, total, detected, seed));
            Map<String, Object> var = new LinkedHashMap<>();
            var.put("gene_ids", geneIds[1]);
            w.writeFrame("var", "_index", geneIds[0], var);
            w.close();
        } catch (RuntimeException | Error e) {
            w.abort();
            throw e;
        }
        Summary s = new Summary(out, cells, genes, nnz, (System.nanoTime() - start) / 1e9);
        LOG.info("synth: wrote {} ({} x {}, {} non-zeros = {} %) in {} s", out, cells, genes, nnz,
                String.format("%.1f", 100 * s.density()), String.format("%.1f", s.seconds()));
        return s;
    }

    /** Generates blocks on the common pool, a few ahead of the writer, and appends them in order. */
    private static long streamX(H5adStreamWriter w, SyntheticCounts model, int cells, int genes, int[] type,
                                float[] total, int[] detected, Progress p) {
        H5adStreamWriter.CsrStream x = w.streamX(genes);
        int blocks = (cells + BLOCK - 1) / BLOCK;
        int ahead = Runtime.getRuntime().availableProcessors() + 1;
        ArrayDeque<CompletableFuture<SyntheticCounts.Block>> pending = new ArrayDeque<>();
        int next = 0;
        for (int b = 0; b < blocks; b++) {
            while (next < blocks && pending.size() < ahead) {
                int block = next++;
                int n = Math.min(BLOCK, cells - block * BLOCK);
                pending.add(CompletableFuture.supplyAsync(() -> model.block(block, n)));
            }
            SyntheticCounts.Block blk = pending.removeFirst().join();
            int first = b * BLOCK;
            var m = blk.x();
            for (int c = 0; c < m.nRows(); c++) {
                type[first + c] = blk.type()[c];
                detected[first + c] = m.rowEnd(c) - m.rowStart(c);
                float sum = 0;
                for (int k = m.rowStart(c); k < m.rowEnd(c); k++) {
                    sum += m.data()[k];
                }
                total[first + c] = sum;
            }
            x.append(m);
            p.step(m.nRows());
        }
        x.close();
        return x.nnz();
    }

    private static Map<String, Object> obs(int[] type, float[] total, int[] detected, long seed) {
        String[] typeLevels = new String[SyntheticCounts.TYPES];
        for (int t = 0; t < typeLevels.length; t++) {
            typeLevels[t] = "type_" + t;
        }
        int[] batch = new int[type.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed + 1);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextInt(2);
        }
        Map<String, Object> obs = new LinkedHashMap<>();
        obs.put("cell_type", new CategoricalArray(typeLevels, type, false));
        obs.put("batch", new CategoricalArray(new String[] {"batch_0", "batch_1"}, batch, false));
        obs.put("total_counts", total);
        obs.put("n_genes_by_counts", detected);
        return obs;
    }

    /** Unique 10x-style barcodes: cell index i written as 16 bases (4^16 > 4·10^9 cells), then "-1". */
    static String[] barcodes(int n) {
        char[] bases = {'A', 'C', 'G', 'T'};
        String[] out = new String[n];
        char[] b = new char[18];
        b[16] = '-';
        b[17] = '1';
        for (int i = 0; i < n; i++) {
            long v = i;
            for (int k = 15; k >= 0; k--) {
                b[k] = bases[(int) (v & 3)];
                v >>>= 2;
            }
            out[i] = new String(b);
        }
        return out;
    }

    /** [0] = unique symbols, [1] = their Ensembl ids: protein-coding genes in table order first, then the rest. */
    static String[][] genes(int n) {
        DelimitedText t;
        try (InputStream in = SyntheticAtlas.class.getResourceAsStream(GENE_TABLE)) {
            if (in == null) {
                throw new AtlasException("the bundled gene table " + GENE_TABLE + " is missing from the scjava-dsl jar");
            }
            t = DelimitedText.read(new GZIPInputStream(in), "bundled GRCh38 gene table");
        } catch (IOException e) {
            throw new AtlasException("cannot read the bundled gene table: " + e.getMessage(), e);
        }
        int sym = t.column("symbol");
        int ens = t.column("ensembl_gene_id");
        int bio = t.column("biotype");
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> picked = new ArrayList<>();
        for (boolean proteinCoding : new boolean[] {true, false}) {
            for (String[] row : t.rows()) {
                String s = row[sym];
                if (picked.size() < n && !s.isEmpty() && "protein_coding".equals(row[bio]) == proteinCoding && seen.add(s)) {
                    picked.add(new String[] {s, row[ens]});
                }
            }
        }
        if (picked.size() < n) {
            throw new IllegalArgumentException("asked for " + n + " genes but the GRCh38 table has " + picked.size()
                    + " distinct symbols");
        }
        String[][] out = new String[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = picked.get(i)[0];
            out[1][i] = picked.get(i)[1];
        }
        return out;
    }
}
