package org.scjava.dsl.io.h5ad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.DenseMatrix;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** uns values of every supported kind, including empty arrays and nested dicts, come back as written. */
class UnsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void emptyAndNestedValues() {
        Atlas a = new Atlas(new DenseMatrix(2, 2, new float[] {1, 2, 3, 4}), null, null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty_strings", new String[0]);
        nested.put("empty_floats", new float[0]);
        nested.put("deeper", new LinkedHashMap<>(Map.of("x", 1.5)));
        a.uns().put("nested", nested);
        a.uns().put("empty_strings", new String[0]);
        a.uns().put("strings", new String[] {"a", "", "ü"});
        Path f = dir.resolve("u.h5ad");
        a.write(f);
        Atlas b = Atlas.load(f);
        assertThat((String[]) b.uns().get("empty_strings")).isEmpty();
        assertThat((String[]) b.uns().get("strings")).containsExactly("a", "", "ü");
        @SuppressWarnings("unchecked")
        Map<String, Object> n = (Map<String, Object>) b.uns().get("nested");
        assertThat((String[]) n.get("empty_strings")).isEmpty();
        assertThat((float[]) n.get("empty_floats")).isEmpty();
        assertThat(n.get("deeper")).isEqualTo(Map.of("x", 1.5));
    }
}
