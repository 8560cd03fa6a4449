package org.scjava.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.stream.BackedEmbed;
import org.scjava.models.Models;
import org.scjava.models.scgpt.ScGptModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SparkAtlas in local[2] with the tiny scGPT fixture (official checkpoint layout, random weights): embeddings equal
 * the single-machine backed embed with the same block size bit for bit (and the in-memory embed to float rounding:
 * other batch shapes round differently inside the model), the model loads once per executor JVM, and the results go
 * to Parquet and back into the h5ad.
 */
class SparkAtlasTest {

    private static final Path FIXTURES = Path.of("..", "models", "src", "test", "resources", "fixtures");
    private static final Path MODEL = FIXTURES.resolve("scgpt/whole_human_style");
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("scjava-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void embeddingsEqualTheSingleMachinePathAndRoundTrip() throws Exception {
        Path f = dir.resolve("cells.h5ad");
        Files.copy(FIXTURES.resolve("inputs/cells.h5ad"), f);
        SparkAtlas atlas = SparkAtlas.open(spark, f.toString()).withCellsPerPartition(7);
        assertThat(atlas.numPartitions()).isGreaterThan(2);
        Dataset<Row> emb = atlas.embed(ModelSpec.scGPT(MODEL.toString()));
        List<Row> rows = emb.collectAsList();
        assertThat(rows).hasSize(atlas.nObs());
        assertThat(ExecutorModels.loads()).isEqualTo(1); // local[2]: one executor JVM, one model handle

        Path single = dir.resolve("single.h5ad");
        Files.copy(f, single);
        try (ScGptModel m = Models.scGPT(MODEL); BackedAtlas b = Atlas.open(single)) {
            BackedEmbed.embed(b, m, "X_scgpt", 7);
        }
        DenseMatrix expected = (DenseMatrix) Atlas.load(single).obsm("X_scgpt");
        DenseMatrix inMemory;
        try (ScGptModel m = Models.scGPT(MODEL)) {
            inMemory = (DenseMatrix) Atlas.load(f).embed(m).obsm("X_scgpt");
        }
        for (Row r : rows) {
            int row = (int) r.getLong(0);
            List<Float> v = r.getList(2);
            for (int j = 0; j < v.size(); j++) {
                assertThat(v.get(j)).as("cell %d dim %d", row, j).isEqualTo(expected.get(row, j));
                assertThat(v.get(j)).isCloseTo(inMemory.get(row, j), org.assertj.core.api.Assertions.within(1e-5f));
            }
        }

        SparkAtlas.writeObsm(emb, f, "X_scgpt");
        assertThat(((DenseMatrix) Atlas.load(f).obsm("X_scgpt")).data()).isEqualTo(expected.data());
        String parquet = dir.resolve("emb.parquet").toString();
        SparkAtlas.writeParquet(emb, parquet);
        assertThat(spark.read().parquet(parquet).count()).isEqualTo(atlas.nObs());

        // The spark-submit entry point, in this session: Parquet plus obsm under another key.
        String jobOut = dir.resolve("job.parquet").toString();
        assertThat(EmbedJob.run(spark, new String[] {f.toString(), "scgpt", MODEL.toString(), jobOut, "X_job", "7"}))
                .isEqualTo(atlas.nObs());
        assertThat(((DenseMatrix) Atlas.load(f).obsm("X_job")).data()).isEqualTo(expected.data());
        assertThat(ExecutorModels.loads()).isEqualTo(1);
    }
}
