package org.scjava.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * The {@code spark-submit} entry point: embeds every cell of an h5ad with a foundation model on the cluster and
 * writes the embeddings as Parquet, and optionally back into the h5ad's obsm.
 *
 * <pre>
 * spark-submit --class org.scjava.spark.EmbedJob ... scjava-spark.jar \
 *     ATLAS.h5ad MODEL_KIND MODEL_PATH OUT.parquet [OBSM_KEY|-] [CELLS_PER_PARTITION]
 * </pre>
 */
public final class EmbedJob {

    private EmbedJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("scjava embed").getOrCreate();
        try {
            run(spark, args);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in an existing session; returns the number of cells embedded. */
    public static long run(SparkSession spark, String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: EmbedJob ATLAS.h5ad MODEL_KIND MODEL_PATH OUT.parquet "
                    + "[OBSM_KEY|-] [CELLS_PER_PARTITION]   (MODEL_KIND: scgpt, geneformer, scbert, scfoundation, torchscript)");
        }
        SparkAtlas atlas = SparkAtlas.open(spark, args[0]);
        if (args.length > 5) {
            atlas = atlas.withCellsPerPartition(Integer.parseInt(args[5]));
        }
        Dataset<Row> emb = atlas.embed(new ModelSpec(args[1], args[2], 0)).cache();
        SparkAtlas.writeParquet(emb, args[3]);
        if (args.length > 4 && !"-".equals(args[4])) {
            SparkAtlas.writeObsm(emb, Path.of(args[0]), args[4]);
        }
        emb.unpersist();
        return atlas.nObs();
    }
}
