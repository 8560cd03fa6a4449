package org.scjava.dsl.core;

import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AnnData's {@code raw}: an earlier X (usually log-normalised, all genes) with its own var and varm, kept when
 * the main X was restricted to highly variable genes. Rows match the Atlas's obs.
 */
public record Raw(Matrix x, Table var, Map<String, Matrix> varm) {
    public Raw {
        if (var.rowCount() != x.nCols()) {
            throw new AtlasException("raw.var has " + var.rowCount() + " rows but raw.X has " + x.nCols() + " columns");
        }
        varm = new LinkedHashMap<>(varm);
    }
}
