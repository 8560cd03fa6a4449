package org.scjava.dsl.baselines;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.testing.Resources;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kang et al. IFN-β PBMCs: each cell type's stim response predicted from the other four. */
class PerturbationEvaluationIT {

    @Test
    void meanShiftAndLinearBaselinesPredictHeldOutCellTypes() {
        Atlas kang = Atlas.load(Resources.data("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad"));
        Table t = PerturbationEvaluation.evaluate(kang, "cell_type", "stim", List.of(PerturbationEvaluation.noChange(),
                PerturbationEvaluation.meanShift(), PerturbationEvaluation.linearPca(50, 0)),
                PerturbationEvaluation.Options.defaults());
        assertEquals(15, t.rowCount(), t.printAll());
        for (int r = 0; r < t.rowCount(); r++) {
            String method = t.stringColumn("method").get(r);
            double top = t.doubleColumn("pearson_top_de").getDouble(r);
            if (method.startsWith("no change")) {
                assertTrue(Double.isNaN(top), "no-change has no correlation");
            } else {
                // the IFN-β response is shared across PBMC types: baselines reach r > 0.75 on top DE genes
                assertTrue(top > 0.75, t.printAll());
                assertTrue(t.doubleColumn("rmse_top_de").getDouble(r) < 0.9 * t.doubleColumn("rmse_top_de").getDouble(
                        r - (method.startsWith("mean") ? 1 : 2)), "beats no-change RMSE: " + t.printAll());
            }
        }
        Table s = PerturbationEvaluation.summary(t);
        assertEquals(3, s.rowCount());
    }
}
