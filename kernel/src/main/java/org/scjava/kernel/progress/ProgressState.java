package org.scjava.kernel.progress;

import java.util.Locale;

/** A moment of a task's progress, formatted for a console line or a notebook bar. */
record ProgressState(String task, long done, long total, String unit, double seconds, boolean finished) {

    int percent() {
        return total <= 0 ? (finished ? 100 : 0) : (int) Math.min(100, done * 100 / total);
    }

    /** "embed: 1,200/2,170 cells (55%) · 3.2 s · 375 cells/s" */
    String text() {
        String rate = seconds > 0 && done > 0 ? String.format(Locale.ROOT, " · %,.0f %s/s", done / seconds, unit) : "";
        String of = total > 0 ? String.format(Locale.ROOT, "%,d/%,d %s (%d%%)", done, total, unit, percent())
                : String.format(Locale.ROOT, "%,d %s", done, unit);
        return task + ": " + of + String.format(Locale.ROOT, " · %.1f s", seconds) + rate + (finished ? " · done" : "");
    }

    /** A native HTML progress bar with the text beside it. */
    String html() {
        String escaped = text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<div class=\"scjava-progress\"><progress value=\"" + Math.max(0, done) + "\" max=\"" + Math.max(1, total)
                + "\" style=\"width:40%;vertical-align:middle\"></progress> <span>" + escaped + "</span></div>";
    }
}
