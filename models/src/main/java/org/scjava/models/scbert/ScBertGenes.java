package org.scjava.models.scbert;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.io.BackedH5ad;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.CheckpointFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scBERT's reference gene list: the {@code var_names} of {@code panglao_10000.h5ad}, which {@code preprocess.py}
 * aligns every data set to (16,906 genes; their order is the order of the gene2vec rows in the checkpoint), or a
 * plain text file with one symbol per line for users who saved the list separately.
 */
final class ScBertGenes {

    static final String[] FILE_NAMES = {"panglao_10000.h5ad", "gene_list.txt", "genes.txt"};

    private ScBertGenes() {
    }

    static List<String> read(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(".h5ad")) {
            try (BackedH5ad a = BackedH5ad.open(file)) {
                return List.copyOf(a.var().stringColumn(0).asList());
            }
        }
        {
            List<String> genes = new ArrayList<>();
            for (String line : CheckpointFiles.readText(file, "scBERT gene list").split("\\R")) {
                if (!line.isBlank()) {
                    genes.add(line.strip());
                }
            }
            if (genes.isEmpty()) {
                throw new CheckpointException("scBERT gene list " + file + " is empty");
            }
            return genes;
        }
    }
}
