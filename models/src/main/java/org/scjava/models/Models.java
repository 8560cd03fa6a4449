package org.scjava.models;

import org.scjava.models.api.FoundationModel;
import org.scjava.models.esm2.Esm2Model;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.scbert.ScBertModel;
import org.scjava.models.scfoundation.ScFoundationModel;
import org.scjava.models.scgpt.ScGptModel;
import org.scjava.models.torchscript.TorchScriptModel;

import java.nio.file.Path;
import java.util.Set;

/**
 * Entry point for loading foundation models from the files users download, e.g.
 * {@code var scgpt = Models.scGPT("models/scgpt-human"); atlas.embed(scgpt);}. Every handle owns native memory:
 * close it when done (try-with-resources, or {@code %model close} in a notebook). For model-specific settings (layer,
 * pooling, tie binning) use the builders, e.g. {@code GeneformerModel.builder()}.
 */
public final class Models {

    private Models() {
    }

    /** scGPT from a directory with args.json, vocab.json and best_model.pt. */
    public static ScGptModel scGPT(String dir) {
        return scGPT(Path.of(dir), ModelOptions.defaults());
    }

    public static ScGptModel scGPT(Path dir) {
        return scGPT(dir, ModelOptions.defaults());
    }

    public static ScGptModel scGPT(String dir, ModelOptions options) {
        return scGPT(Path.of(dir), options);
    }

    public static ScGptModel scGPT(Path dir, ModelOptions options) {
        return ScGptModel.builder().setDirectory(dir).optOptions(options).build();
    }

    /** Geneformer V1 or V2 from a directory with config.json, weights and the tokenizer dictionaries. */
    public static GeneformerModel geneformer(String dir) {
        return geneformer(Path.of(dir), ModelOptions.defaults());
    }

    public static GeneformerModel geneformer(Path dir) {
        return geneformer(dir, ModelOptions.defaults());
    }

    public static GeneformerModel geneformer(String dir, ModelOptions options) {
        return geneformer(Path.of(dir), options);
    }

    public static GeneformerModel geneformer(Path dir, ModelOptions options) {
        return GeneformerModel.builder().setDirectory(dir).optOptions(options).build();
    }

    /** A user's TorchScript export (see {@link TorchScriptModel} for the input/output contract). */
    public static TorchScriptModel torchScript(String file) {
        return torchScript(Path.of(file), ModelOptions.defaults());
    }

    public static TorchScriptModel torchScript(Path file) {
        return torchScript(file, ModelOptions.defaults());
    }

    public static TorchScriptModel torchScript(String file, ModelOptions options) {
        return torchScript(Path.of(file), options);
    }

    public static TorchScriptModel torchScript(Path file, ModelOptions options) {
        return TorchScriptModel.builder().setFile(file).optOptions(options).build();
    }

    /** scBERT from a directory with panglao_pretrain.pth (or a fine-tuned .pth) and panglao_10000.h5ad. */
    public static ScBertModel scBERT(String dir) {
        return scBERT(Path.of(dir), ModelOptions.defaults());
    }

    public static ScBertModel scBERT(Path dirOrCheckpoint, ModelOptions options) {
        return ScBertModel.builder().setPath(dirOrCheckpoint).optOptions(options).build();
    }

    /** scFoundation from a directory with models.ckpt (and optionally OS_scRNA_gene_index.19264.tsv). */
    public static ScFoundationModel scFoundation(String dir) {
        return scFoundation(Path.of(dir), ModelOptions.defaults());
    }

    public static ScFoundationModel scFoundation(Path dirOrCheckpoint, ModelOptions options) {
        return ScFoundationModel.builder().setPath(dirOrCheckpoint).optOptions(options).build();
    }

    /** ESM-2 from its checkpoint file (esm2_t6_8M_UR50D.pt, ...) or a directory holding one. */
    public static Esm2Model esm2(String checkpoint) {
        return esm2(Path.of(checkpoint), ModelOptions.defaults());
    }

    public static Esm2Model esm2(Path checkpointOrDir, ModelOptions options) {
        return Esm2Model.builder().setCheckpoint(checkpointOrDir).optOptions(options).build();
    }

    /** Loads {@code kind} ("scgpt", "geneformer", "torchscript", or a kind a provider registered). */
    public static FoundationModel load(String kind, Path path, ModelOptions options) {
        return ModelRegistry.defaultRegistry().load(kind, path, options);
    }

    public static FoundationModel load(String kind, String path, ModelOptions options) {
        return load(kind, Path.of(path), options);
    }

    /** The kinds {@link #load} accepts. */
    public static Set<String> kinds() {
        return ModelRegistry.defaultRegistry().kinds();
    }
}
