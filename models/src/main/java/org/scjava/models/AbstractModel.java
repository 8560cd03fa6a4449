package org.scjava.models;

import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelCard;
import org.scjava.models.runtime.RuntimeHandle;

import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What every model handle shares: its name, options, card, the runtime it owns, and the provenance built from them.
 * Subclasses hand over their runtime with {@link #own} as they load it and set the card once at the end of loading.
 */
public abstract class AbstractModel implements FoundationModel {

    private final String name;
    private final ModelOptions options;
    private ModelCard card;
    private RuntimeHandle runtime;

    protected AbstractModel(ModelBuilder<?> builder) {
        this.name = builder.name();
        this.options = builder.options();
    }

    /** Takes ownership of the loaded runtime: {@link #close()} closes it, provenance names its device and engine. */
    protected final <R extends RuntimeHandle> R own(R loaded) {
        this.runtime = loaded;
        if (loaded.precision() != options.precision()) {
            LoggerFactory.getLogger(AbstractModel.class).warn("{} computes in {}: {} is implemented for the scGPT and"
                    + " Geneformer encoders only", name, loaded.precision().key(), options.precision().key());
        }
        return loaded;
    }

    /**
     * Called once, when loading has finished; identifies the weights against {@link KnownCheckpoints} (the hash is
     * the one the card already carries, so the file is not read again).
     */
    protected final void setCard(ModelCard loaded) {
        this.card = loaded.withIdentity(KnownCheckpoints.standard().identify(loaded, weightsFile(loaded)));
    }

    /** The weights file a card describes: its directory when that is the file, else directory/checkpoint. */
    private static java.nio.file.Path weightsFile(ModelCard card) {
        java.nio.file.Path d = java.nio.file.Path.of(card.directory());
        return java.nio.file.Files.isRegularFile(d) ? d : d.resolve(card.checkpoint());
    }

    /** The batch size recorded in provenance: the options' one unless the model caps what it really runs. */
    protected int provenanceBatchSize() {
        return options.batchSize();
    }

    @Override
    public String name() {
        return name;
    }

    public ModelOptions options() {
        return options;
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public Map<String, Object> provenance() {
        return Provenance.of(card, options, runtime.deviceName(), runtime.engineInfo(), provenanceBatchSize(),
                runtime.precision());
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return card.toString();
    }
}
