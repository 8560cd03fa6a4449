package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.scjava.models.api.ModelCard;

import java.util.List;
import java.util.Map;

/** A model's card as HTML: kind and name, where it came from, the checkpoint's sha256, vocabulary and settings. */
public final class ModelCardRenderer implements TypeRenderer<ModelCard> {

    @Override
    public Class<ModelCard> type() {
        return ModelCard.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.TEXT_HTML.toString());
    }

    @Override
    public void render(ModelCard card, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(card));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, card::toString);
    }

    static String html(ModelCard c) {
        StringBuilder sb = new StringBuilder("<div class=\"scjava-model\"><p><b>").append(Html.escape(c.kind()))
                .append("</b> model <code>").append(Html.escape(c.name())).append("</code></p><table border=\"1\" ")
                .append("style=\"text-align:left\"><tbody>");
        row(sb, "from", "<code>" + Html.escape(c.directory()) + "</code>");
        row(sb, "checkpoint", "<code>" + Html.escape(c.checkpoint()) + "</code>");
        row(sb, "sha256", "<code>" + Html.escape(c.checkpointSha256()) + "</code>");
        row(sb, "vocabulary", Html.count(c.vocabSize()) + " tokens");
        row(sb, "settings", entries(c.settings()));
        row(sb, "configuration", c.config().isEmpty() ? "" : c.config().size() + " keys");
        row(sb, "unused checkpoint tensors", c.ignoredKeys().isEmpty() ? "" : Integer.toString(c.ignoredKeys().size()));
        return sb.append("</tbody></table></div>").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        if (!value.isEmpty()) {
            sb.append("<tr><th").append(Html.LEFT).append('>').append(key).append("</th><td").append(Html.LEFT).append('>')
                    .append(value).append("</td></tr>");
        }
    }

    private static String entries(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(Html.escape(k)).append('=')
                .append(Html.escape(v)));
        return sb.toString();
    }
}
