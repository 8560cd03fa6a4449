package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.scjava.models.api.FoundationModel;

import java.util.List;

/** A loaded model handle, shown by its card (what {@code %model load} returns). */
public final class ModelRenderer implements TypeRenderer<FoundationModel> {

    @Override
    public Class<FoundationModel> type() {
        return FoundationModel.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.TEXT_HTML.toString());
    }

    @Override
    public void render(FoundationModel model, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> ModelCardRenderer.html(model.card()));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> model.card().toString());
    }
}
