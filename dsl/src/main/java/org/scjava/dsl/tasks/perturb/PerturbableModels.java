package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.core.AtlasException;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link PerturbableModel} view of a model handle (the handle itself, or a registered adapter). */
public final class PerturbableModels {

    private PerturbableModels() {
    }

    public static PerturbableModel of(CellEmbedder model) {
        if (model == null) {
            throw new AtlasException("perturb: the model is null; load one with Models.geneformer(dir) or"
                    + " Models.scGPT(dir)");
        }
        if (model instanceof PerturbableModel p) {
            return p;
        }
        for (PerturbableModel.Adapter a : ServiceLoader.load(PerturbableModel.Adapter.class,
                PerturbableModels.class.getClassLoader())) {
            Optional<PerturbableModel> p = a.adapt(model);
            if (p.isPresent()) {
                return p.get();
            }
        }
        throw new AtlasException("perturb: model '" + model.name() + "' (" + model.getClass().getSimpleName()
                + ") cannot be perturbed in silico: it needs a tokenizer and per-token hidden states (Geneformer and"
                + " scGPT handles from Models have them; is scjava-models on the class path?)");
    }
}
