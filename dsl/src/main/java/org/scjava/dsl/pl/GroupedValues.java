package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values of a gene or numeric obs column split by the groups of a categorical obs column. */
record GroupedValues(List<String> groups, List<double[]> values) {

    static GroupedValues of(AtlasData atlas, String key, String groupBy) {
        PlotData.Coloring v = PlotData.coloring(atlas, key);
        if (v.categorical()) {
            throw new AtlasException("'" + key + "' is categorical; violin and dot plots need a gene or a numeric column");
        }
        if (groupBy == null) {
            return new GroupedValues(List.of(key), List.of(v.values()));
        }
        PlotData.Coloring g = PlotData.coloring(atlas, groupBy);
        if (!g.categorical()) {
            throw new AtlasException("groupBy '" + groupBy + "' must be a categorical obs column (e.g. 'leiden')");
        }
        Map<String, Integer> idx = PlotData.indexOf(g.levels());
        int[] count = new int[g.levels().size()];
        for (String l : g.labels()) {
            if (l != null) {
                count[idx.get(l)]++;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int c : count) {
            out.add(new double[c]);
        }
        int[] fill = new int[count.length];
        for (int i = 0; i < g.labels().length; i++) {
            if (g.labels()[i] != null) {
                int c = idx.get(g.labels()[i]);
                out.get(c)[fill[c]++] = v.values()[i];
            }
        }
        return new GroupedValues(g.levels(), out);
    }
}
