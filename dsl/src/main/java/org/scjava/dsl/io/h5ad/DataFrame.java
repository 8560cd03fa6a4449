package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.core.Categories;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pandas DataFrame as scjava holds it: a Tablesaw table whose first column is the index, plus the levels of its
 * categorical columns (Tablesaw has no categorical type).
 */
public record DataFrame(Table table, Map<String, Categories> categories) {
    public DataFrame {
        categories = new LinkedHashMap<>(categories);
    }

    public static DataFrame of(Table table) {
        return new DataFrame(table, Map.of());
    }
}
