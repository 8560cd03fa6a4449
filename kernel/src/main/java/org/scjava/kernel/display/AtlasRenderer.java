package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Matrix;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

/**
 * An {@link Atlas} as an HTML summary: n_obs × n_vars and how X is stored, the obs/var columns with their types
 * (categoricals with their number of levels), the obsm/varm/layers/obsp/varp entries with shapes, the uns keys, raw,
 * and the last {@value #HISTORY_SHOWN} history entries; plus the Atlas's own text summary.
 */
public final class AtlasRenderer implements TypeRenderer<Atlas> {

    static final int HISTORY_SHOWN = 5;
    private static final int PARAMS_CHARS = 160;

    @Override
    public Class<Atlas> type() {
        return Atlas.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.TEXT_HTML.toString());
    }

    @Override
    public void render(Atlas atlas, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(atlas));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, atlas::toString);
    }

    static String html(Atlas a) {
        StringBuilder sb = new StringBuilder(1024);
        Matrix x = a.x();
        sb.append("<div class=\"scjava-atlas\"><p><b>Atlas</b> with n_obs × n_vars = <b>")
                .append(Html.count(a.nObs())).append(" × ").append(Html.count(a.nVars())).append("</b> · X ")
                .append(x.isSparse() ? "sparse CSR, " + Html.count(x.storedValues()) + " stored values" : "dense")
                .append(x.storedDtype() == null ? "" : " (" + Html.escape(x.storedDtype()) + ")");
        if (a.source() != null) {
            sb.append(" · from <code>").append(Html.escape(a.source().getFileName())).append("</code>");
        }
        sb.append("</p><table border=\"1\" style=\"text-align:left\"><tbody>");
        row(sb, "obs", columns(a.obs(), a.obsCategories()));
        row(sb, "var", columns(a.var(), a.varCategories()));
        row(sb, "obsm", matrices(a.obsm()));
        row(sb, "varm", matrices(a.varm()));
        row(sb, "layers", matrices(a.layers()));
        row(sb, "obsp", matrices(a.obsp()));
        row(sb, "varp", matrices(a.varp()));
        row(sb, "uns", uns(a.uns()));
        if (a.raw() != null) {
            row(sb, "raw", "X " + a.raw().x().shapeString() + ", " + (a.raw().var().columnCount() - 1) + " var columns");
        }
        sb.append("</tbody></table>");
        history(sb, a.history());
        return sb.append("</div>").toString();
    }

    private static void row(StringBuilder sb, String slot, String content) {
        if (!content.isEmpty()) {
            sb.append("<tr><th>").append(slot).append("</th><td>").append(content).append("</td></tr>");
        }
    }

    /** Columns after the index column, as "name <i>type</i>"; categoricals show their level count. */
    private static String columns(Table t, Map<String, Categories> categories) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.columnCount(); i++) {
            String name = t.column(i).name();
            Categories c = categories.get(name);
            String type = c != null ? "category, " + c.levels().size() + " levels"
                    : t.column(i).type().name().toLowerCase(java.util.Locale.ROOT);
            sb.append(i == 1 ? "" : ", ").append("<code>").append(Html.escape(name)).append("</code> <i>")
                    .append(Html.escape(type)).append("</i>");
        }
        return sb.toString();
    }

    private static String matrices(Map<String, Matrix> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append("<code>").append(Html.escape(k))
                .append("</code> <i>").append(v.shapeString()).append(v.isSparse() ? " sparse" : "").append("</i>"));
        return sb.toString();
    }

    private static String uns(Map<String, Object> uns) {
        StringBuilder sb = new StringBuilder();
        uns.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append("<code>").append(Html.escape(k))
                .append("</code>").append(v instanceof Map<?, ?> m ? " <i>(" + m.size() + " keys)</i>" : ""));
        return sb.toString();
    }

    private static void history(StringBuilder sb, History h) {
        if (h.isEmpty()) {
            return;
        }
        List<History.Entry> entries = h.entries();
        int from = Math.max(0, entries.size() - HISTORY_SHOWN);
        sb.append("<p>History (").append(from > 0 ? "last " + (entries.size() - from) + " of " : "")
                .append(entries.size()).append(" entries):</p><table border=\"1\"><thead><tr><th>verb</th>")
                .append("<th>parameters</th><th>time</th><th>took</th></tr></thead><tbody>");
        for (History.Entry e : entries.subList(from, entries.size())) {
            String params = e.params().toString();
            if (params.length() > PARAMS_CHARS) {
                params = params.substring(0, PARAMS_CHARS) + "…";
            }
            sb.append("<tr><td><code>").append(Html.escape(e.verb())).append("</code></td><td>")
                    .append(Html.escape(params)).append("</td><td>").append(e.time().toString(), 0, 19)
                    .append("</td><td>").append(e.durationMillis()).append(" ms</td></tr>");
        }
        sb.append("</tbody></table>");
    }
}
