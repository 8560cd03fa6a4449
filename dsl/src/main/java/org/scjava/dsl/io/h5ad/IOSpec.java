package org.scjava.dsl.io.h5ad;

/**
 * An anndata element encoding: the {@code encoding-type} and {@code encoding-version} attributes every element
 * of an h5ad file carries (see anndata's docs/fileformat-prose.md). Files from anndata &lt; 0.8 may lack them;
 * {@link ElementRegistry} infers a spec for those.
 */
public record IOSpec(String type, String version) {

    public static final IOSpec CSR = new IOSpec("csr_matrix", "0.1.0");
    public static final IOSpec CSC = new IOSpec("csc_matrix", "0.1.0");
    public static final IOSpec ARRAY = new IOSpec("array", "0.2.0");
    public static final IOSpec STRING_ARRAY = new IOSpec("string-array", "0.2.0");
    public static final IOSpec DATAFRAME = new IOSpec("dataframe", "0.2.0");
    public static final IOSpec DATAFRAME_LEGACY = new IOSpec("dataframe", "0.1.0");
    public static final IOSpec CATEGORICAL = new IOSpec("categorical", "0.2.0");
    public static final IOSpec NULLABLE_INTEGER = new IOSpec("nullable-integer", "0.1.0");
    public static final IOSpec NULLABLE_BOOLEAN = new IOSpec("nullable-boolean", "0.1.0");
    public static final IOSpec NULLABLE_STRING = new IOSpec("nullable-string-array", "0.1.0");
    public static final IOSpec DICT = new IOSpec("dict", "0.1.0");
    public static final IOSpec NUMERIC_SCALAR = new IOSpec("numeric-scalar", "0.2.0");
    public static final IOSpec STRING = new IOSpec("string", "0.2.0");
    public static final IOSpec RAW = new IOSpec("raw", "0.1.0");
    public static final IOSpec ANNDATA = new IOSpec("anndata", "0.1.0");

    @Override
    public String toString() {
        return type + " (version " + version + ")";
    }
}
