package org.scjava.models;

import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelCard;

import java.util.Map;

/**
 * What every model handle shares: its name, options, card and the provenance built from them. Subclasses set the
 * card once at the end of loading and say which device and engine they run on.
 */
public abstract class AbstractModel implements FoundationModel {

    private final String name;
    private final ModelOptions options;
    private ModelCard card;

    protected AbstractModel(ModelBuilder<?> builder) {
        this.name = builder.name();
        this.options = builder.options();
    }

    /** Called once, when loading has finished. */
    protected final void setCard(ModelCard loaded) {
        this.card = loaded;
    }

    /** The device in words, for provenance. */
    protected abstract String deviceName();

    /** Engine version and threads, for provenance. */
    protected abstract String engineInfo();

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
        return Provenance.of(card, options, deviceName(), engineInfo());
    }

    @Override
    public String toString() {
        return card.toString();
    }
}
