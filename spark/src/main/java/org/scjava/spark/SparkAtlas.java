package org.scjava.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.h5ad.ObsmAppender;
import org.scjava.dsl.stream.BackedEmbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An h5ad atlas embedded on Apache Spark: the cells are cut into row ranges, one Spark partition each; every
 * executor opens the file backed (once per executor, like the model: {@link ExecutorModels}) and embeds its ranges
 * with its own model handle, exactly as {@link BackedEmbed} does on one machine, so the results are identical.
 *
 * <pre>{@code
 * SparkAtlas atlas = SparkAtlas.open(spark, "/shared/atlas.h5ad");
 * Dataset<Row> emb = atlas.embed(ModelSpec.scGPT("/shared/models/scgpt-human"));   // row, obs_name, embedding
 * SparkAtlas.writeParquet(emb, "/shared/atlas_scgpt.parquet");
 * SparkAtlas.writeObsm(emb, Path.of("/shared/atlas.h5ad"), "X_scgpt");           // back into the h5ad
 * }</pre>
 *
 * The file and the model must be readable at the same path on the driver and every executor.
 */
public final class SparkAtlas {

    /** Columns of {@link #embed}: the cell's row in X, its obs name, its embedding. */
    public static final StructType SCHEMA = new StructType()
            .add("row", DataTypes.LongType, false)
            .add("obs_name", DataTypes.StringType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private final SparkSession spark;
    private final String path;
    private final int nObs;
    private final int cellsPerPartition;

    private SparkAtlas(SparkSession spark, String path, int nObs, int cellsPerPartition) {
        this.spark = spark;
        this.path = path;
        this.nObs = nObs;
        this.cellsPerPartition = cellsPerPartition;
    }

    /** Opens {@code path} (checked on the driver: readable h5ad with X, obs and var). */
    public static SparkAtlas open(SparkSession spark, String path) {
        try (BackedAtlas b = Atlas.open(Path.of(path))) {
            return new SparkAtlas(spark, path, b.nObs(), BackedEmbed.DEFAULT_BLOCK);
        }
    }

    /** Cells per partition (one task each; default {@value BackedEmbed#DEFAULT_BLOCK}). */
    public SparkAtlas withCellsPerPartition(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cellsPerPartition must be at least 1, got " + n);
        }
        return new SparkAtlas(spark, path, nObs, n);
    }

    public int nObs() {
        return nObs;
    }

    public int numPartitions() {
        return (nObs + cellsPerPartition - 1) / cellsPerPartition;
    }

    /** Embeddings of every cell, one row per cell, partitioned in row order (lazy: runs when an action needs it). */
    public Dataset<Row> embed(ModelSpec model) {
        List<int[]> ranges = new ArrayList<>();
        for (int from = 0; from < nObs; from += cellsPerPartition) {
            ranges.add(new int[] {from, Math.min(nObs, from + cellsPerPartition)});
        }
        JavaRDD<int[]> parts = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranges, ranges.size());
        return spark.createDataFrame(parts.mapPartitions(new EmbedRanges(path, model)), SCHEMA);
    }

    /** Writes the embeddings as Parquet (row, obs_name, embedding). */
    public static void writeParquet(Dataset<Row> embeddings, String path) {
        embeddings.write().mode(SaveMode.Overwrite).parquet(path);
    }

    /**
     * Streams the embeddings (in row order, one partition at a time through the driver) into {@code obsm[key]} of
     * the h5ad file, as the single-machine backed embed writes it.
     */
    public static void writeObsm(Dataset<Row> embeddings, Path h5ad, String key) {
        int n;
        try (BackedAtlas b = Atlas.open(h5ad)) {
            n = b.nObs();
        }
        ObsmAppender out = null;
        long expected = 0;
        try {
            Iterator<Row> it = embeddings.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                long row = r.getLong(0);
                if (row != expected) {
                    throw new AtlasFormatException(h5ad, "/obsm/" + key, "embedding rows arrive out of order (row " + row
                            + " where " + expected + " was expected); pass the Dataset returned by embed() unchanged");
                }
                List<Float> e = r.getList(2);
                if (out == null) {
                    out = ObsmAppender.open(h5ad, key, n, e.size());
                }
                float[] v = new float[e.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = e.get(i);
                }
                out.append(v, 0, v.length);
                expected++;
            }
            if (out == null) {
                throw new AtlasFormatException(h5ad, "/obsm/" + key, "no embeddings to write");
            }
            out.close();
        } catch (RuntimeException e) {
            if (out != null) {
                out.abort();
            }
            throw e;
        }
    }

    /** Runs on executors: the partition's row ranges through the executor's model. */
    static final class EmbedRanges implements FlatMapFunction<Iterator<int[]>, Row> {
        private static final Map<String, BackedAtlas> OPEN = new ConcurrentHashMap<>();
        private final String path;
        private final ModelSpec model;

        EmbedRanges(String path, ModelSpec model) {
            this.path = path;
            this.model = model;
        }

        @Override
        public Iterator<Row> call(Iterator<int[]> ranges) {
            CellEmbedder m = ExecutorModels.get(model);
            BackedAtlas b = OPEN.computeIfAbsent(path, p -> Atlas.open(Path.of(p)));
            List<Row> out = new ArrayList<>();
            while (ranges.hasNext()) {
                int[] r = ranges.next();
                AtlasData block = BackedEmbed.block(b, r[0], r[1]);
                GeneMatch match = m.matchGenes(block);
                match.refuseIfUnusable(m.name());
                float[][] emb = m.embedCells(block);
                for (int i = 0; i < emb.length; i++) {
                    out.add(RowFactory.create((long) r[0] + i, block.obs().stringColumn(0).get(i), emb[i]));
                }
            }
            return out.iterator();
        }
    }
}
