package org.scjava.kernel.progress;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a progress display shows at a moment: the call's finished steps (name and time), the running step with its
 * count, and the innermost step running inside it.
 *
 * @param finished steps of the call already done
 * @param outer    the running step, or null
 * @param inner    a step running inside it, or null
 * @param end      the call is over
 */
record ProgressState(List<Line> finished, Line outer, Line inner, boolean end) {

    /** One task: "embed scgpt: 1,200/2,170 cells (55%) · 3.2 s · 375 cells/s". */
    record Line(String task, long done, long total, String unit, double seconds, boolean complete) {

        int percent() {
            return total <= 0 ? (complete ? 100 : 0) : (int) Math.min(100, done * 100 / total);
        }

        String text() {
            if (complete) {
                return task + String.format(Locale.ROOT, " (%.1f s)", seconds);
            }
            String rate = seconds > 0 && done > 0 ? String.format(Locale.ROOT, " · %,.0f %s/s", done / seconds, unit) : "";
            String of = total > 0 ? String.format(Locale.ROOT, "%,d/%,d %s (%d%%)", done, total, unit, percent())
                    : String.format(Locale.ROOT, "%,d %s", done, unit);
            return task + ": " + of + String.format(Locale.ROOT, " · %.1f s", seconds) + rate;
        }
    }

    /** The line of text: finished steps, then the running one and what runs inside it; "done" at the end. */
    String text() {
        StringBuilder sb = new StringBuilder(finished.stream().map(Line::text).collect(Collectors.joining(" · ")));
        if (outer != null) {
            sb.append(sb.isEmpty() ? "" : " · ").append(outer.text());
            if (inner != null) {
                sb.append(" — ").append(inner.text());
            }
        }
        return sb.append(end ? " · done" : "").toString();
    }

    /** The bar's fraction: the running step's, full when only finished steps are left. */
    long value() {
        return outer == null ? 1 : Math.max(0, outer.done());
    }

    long max() {
        return outer == null ? 1 : Math.max(1, outer.total());
    }

    /** A native HTML progress bar with the text beside it. */
    String html() {
        String escaped = text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<div class=\"scjava-progress\"><progress value=\"" + value() + "\" max=\"" + max()
                + "\" style=\"width:30%;vertical-align:middle\"></progress> <span style=\"font-size:90%\">" + escaped
                + "</span></div>";
    }
}
