package org.scjava.dsl.tasks.programs;

import java.util.List;
import java.util.Objects;

/** A named gene set (e.g. a GO biological-process term): identifier, description, member gene symbols. */
public record GeneSet(String id, String name, List<String> genes) {

    public GeneSet {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        genes = List.copyOf(genes);
    }

    public int size() {
        return genes.size();
    }
}
