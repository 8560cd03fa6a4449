package org.scjava.models.io;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scjava.models.Fixtures.path;

/** Geneformer's dictionaries hold numpy.int16 / numpy.float64 scalars; both pickle protocols match the JSON sidecars. */
class PickledDictionariesTest {

    @Test
    void tokenDictionariesWithNumpyInt16ValuesMatchJson() throws IOException {
        for (String v : new String[] {"v1", "v2"}) {
            Map<String, Double> json = new Gson().fromJson(Files.readString(path("geneformer/" + v + "/token_dictionary.json")),
                    new TypeToken<Map<String, Double>>() { }.getType());
            for (String f : new String[] {"token_dictionary.pkl", "token_dictionary_protocol2.pkl"}) {
                Map<String, Integer> pkl = PickledDictionaries.readStringToInt(path("geneformer/" + v + "/" + f));
                assertThat(pkl).hasSameSizeAs(json);
                json.forEach((k, val) -> assertThat(pkl.get(k)).as(k).isEqualTo(val.intValue()));
            }
        }
    }

    @Test
    void medianDictionariesWithNumpyFloat64ValuesMatchJsonExactly() throws IOException {
        Map<String, Double> json = new Gson().fromJson(Files.readString(path("geneformer/v1/gene_median_dictionary.json")),
                new TypeToken<Map<String, Double>>() { }.getType());
        for (String f : new String[] {"gene_median_dictionary.pkl", "gene_median_dictionary_protocol2.pkl"}) {
            Map<String, Double> pkl = PickledDictionaries.readStringToDouble(path("geneformer/v1/" + f));
            assertThat(pkl).isEqualTo(json);
        }
        assertThat(PickledDictionaries.readStringToString(path("geneformer/v2/ensembl_mapping_dict.pkl")))
                .containsEntry("ENSG00000198851", "ENSG00000198851");
    }
}
