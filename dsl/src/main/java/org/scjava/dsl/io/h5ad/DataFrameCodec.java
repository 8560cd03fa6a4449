package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.io.hdf5.H5Group;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dataframe} (0.2.0, and the 0.1.0 layout whose categoricals point into {@code __categories}): a group with
 * an {@code _index} attribute naming the index dataset, a {@code column-order} attribute and one element per
 * column. Also reads the structured (compound) datasets anndata &lt; 0.7 wrote for obs/var.
 */
final class DataFrameCodec implements ElementCodec {

    /** Pseudo-spec for obs/var stored as compound datasets (anndata &lt; 0.7). */
    static final IOSpec COMPOUND = new IOSpec("compound-dataframe", "legacy");

    static void register(ElementRegistry r) {
        DataFrameCodec c = new DataFrameCodec();
        r.registerReader(IOSpec.DATAFRAME, c);
        r.registerReader(IOSpec.DATAFRAME_LEGACY, c);
        r.registerReader(COMPOUND, c);
        r.registerWriter(DataFrame.class, c);
        r.registerWriter(Table.class, c);
    }

    @Override
    public DataFrame read(Node node, ReadContext ctx) {
        if (node instanceof Dataset ds && ds.isCompound()) {
            return readCompound(ds, ctx);
        }
        if (!(node instanceof Group g)) {
            throw ctx.error(node, "a dataframe must be a group");
        }
        String indexName = Hdf5Arrays.stringAttr(g, "_index", null);
        if (indexName == null) {
            throw ctx.error(node, "dataframe has no '_index' attribute naming its index column");
        }
        Map<String, Node> children = g.getChildren();
        Node indexNode = children.get(indexName);
        if (indexNode == null) {
            throw ctx.error(node, "dataframe index '" + indexName + "' (from the _index attribute) is missing");
        }
        String[] index = indexStrings(ctx.read(indexNode), ctx, indexNode);
        Map<String, Categories> categories = new LinkedHashMap<>();
        List<Column<?>> columns = new ArrayList<>();
        columns.add(StringColumns.of(indexName, index));
        for (String col : Hdf5Arrays.stringArrayAttr(g, "column-order")) {
            Node c = children.get(col);
            if (c == null) {
                throw ctx.error(node, "column '" + col + "' is listed in column-order but missing");
            }
            Object value = legacyCategorical(g, col, c, ctx);
            if (value == null) {
                value = ctx.read(c);
            }
            Column<?> column;
            try {
                column = TableColumns.toColumn(col, value, categories);
            } catch (IllegalArgumentException e) {
                throw ctx.error(c, e.getMessage());
            }
            if (column.size() != index.length) {
                throw ctx.error(c, "column has " + column.size() + " values but the index has " + index.length);
            }
            columns.add(column);
        }
        return new DataFrame(Table.create(g.getName(), columns), categories);
    }

    /** anndata 0.7 categoricals: integer codes whose 'categories' attribute refers to __categories/<column>. */
    private static Object legacyCategorical(Group g, String col, Node c, ReadContext ctx) {
        if (!(c instanceof Dataset ds) || c.getAttribute("categories") == null) {
            return null;
        }
        Node cats = g.getChildren().get("__categories") instanceof Group cg ? cg.getChildren().get(col) : null;
        if (cats == null) {
            throw ctx.error(c, "legacy categorical refers to __categories/" + col + ", which is missing");
        }
        String[] levels = CategoricalCodec.levelsOf(ctx.read(cats), ctx, cats);
        int[] codes = Hdf5Arrays.toInt(Hdf5Arrays.readFlat(ds));
        CategoricalCodec.checkCodes(codes, levels.length, ctx, c);
        return new CategoricalArray(levels, codes, Hdf5Arrays.boolAttr(cats, "ordered", false));
    }

    private static String[] indexStrings(Object index, ReadContext ctx, Node node) {
        if (index instanceof String[] s) {
            return s;
        }
        if (index != null && index.getClass().isArray()) {
            return CategoricalCodec.levelsOf(index, ctx, node);
        }
        throw ctx.error(node, "the index must be a 1-D array");
    }

    /** obs/var as a compound dataset (anndata &lt; 0.7): field "index" is the index, the rest are columns. */
    private DataFrame readCompound(Dataset ds, ReadContext ctx) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) ds.getData();
        Object index = fields.get("index");
        if (index == null) {
            throw ctx.error(ds, "structured dataframe has no 'index' field");
        }
        List<Column<?>> columns = new ArrayList<>();
        columns.add(StringColumns.of("index", indexStrings(index, ctx, ds)));
        Map<String, Categories> categories = new LinkedHashMap<>();
        for (var e : fields.entrySet()) {
            if (!e.getKey().equals("index")) {
                columns.add(TableColumns.toColumn(e.getKey(), e.getValue(), categories));
            }
        }
        return new DataFrame(Table.create(ds.getName(), columns), categories);
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        DataFrame df = value instanceof DataFrame d ? d : DataFrame.of((Table) value);
        Table t = df.table();
        if (t.columnCount() == 0) {
            throw ctx.error(parent.path() + "/" + name, "a dataframe needs an index column (the first column)");
        }
        H5Group g = ElementRegistry.stamp(parent.group(name), IOSpec.DATAFRAME);
        Column<?> indexCol = t.column(0);
        g.attr("_index", indexCol.name());
        List<String> order = new ArrayList<>(t.columnNames().subList(1, t.columnCount()));
        g.attr("column-order", order.toArray(String[]::new));
        String[] index = new String[indexCol.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = indexCol.getString(i);
        }
        ctx.write(g, indexCol.name(), index);
        for (String col : order) {
            ctx.write(g, col, TableColumns.toElement(t.column(col), df.categories().get(col)));
        }
    }
}
