package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A {@link Map} — typically an {@code uns} entry such as {@code uns["to_species"]} — as a key/value table: numbers
 * with 4 significant digits ({@link CellText}), nested maps as nested tables, tables as tables, long lists
 * abbreviated; the text form one "key: value" line per entry, indented for nested maps.
 */
public final class MapRenderer implements TypeRenderer<Map<?, ?>> {

    private static final int MAX_LIST = 12;
    private static final int MAX_DEPTH = 4;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<?, ?>> type() {
        return (Class) Map.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.TEXT_HTML.toString());
    }

    @Override
    public void render(Map<?, ?> map, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<div class=\"scjava-map\">" + html(map, 0) + "</div>");
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(map, "").stripTrailing());
    }

    static String html(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            return "<i>(empty)</i>";
        }
        StringBuilder sb = new StringBuilder("<table border=\"1\"><tbody>");
        map.forEach((k, v) -> sb.append("<tr><th").append(Html.LEFT).append('>').append(Html.escape(k)).append("</th>")
                .append(v instanceof Number ? "<td" + Html.NUMBER + ">" : "<td" + Html.LEFT + ">")
                .append(htmlValue(v, depth)).append("</td></tr>"));
        return sb.append("</tbody></table>").toString();
    }

    private static String htmlValue(Object v, int depth) {
        if (v instanceof Map<?, ?> m && depth < MAX_DEPTH) {
            return html(m, depth + 1);
        }
        if (v instanceof Table t) {
            return TableRenderer.html(t);
        }
        return Html.escape(plain(v));
    }

    static String text(Map<?, ?> map, String indent) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> {
            sb.append(indent).append(k).append(':');
            if (v instanceof Map<?, ?> m && !m.isEmpty() && indent.length() < 2 * MAX_DEPTH) {
                sb.append('\n').append(text(m, indent + "  "));
            } else if (v instanceof Table t) {
                sb.append('\n').append(TableText.of(t).indent(indent.length() + 2));
            } else {
                sb.append(' ').append(plain(v)).append('\n');
            }
        });
        return sb.toString();
    }

    /** A value on one line: numbers with 4 significant digits, long lists and arrays abbreviated. */
    static String plain(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return CellText.number(((Number) v).doubleValue());
        }
        if (v instanceof Collection<?> c) {
            return list(c.stream().map(MapRenderer::plain).toList());
        }
        if (v instanceof double[] a) {
            return list(java.util.Arrays.stream(a).mapToObj(CellText::number).toList());
        }
        if (v instanceof int[] a) {
            return list(java.util.Arrays.stream(a).mapToObj(Integer::toString).toList());
        }
        if (v instanceof Object[] a) {
            return list(java.util.Arrays.stream(a).map(MapRenderer::plain).toList());
        }
        return String.valueOf(v);
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LIST) {
            return "[" + String.join(", ", items) + "]";
        }
        return "[" + String.join(", ", items.subList(0, MAX_LIST)) + ", … (" + Html.count(items.size()) + " in all)]";
    }
}
