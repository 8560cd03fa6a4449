package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;
import io.jhdf.exceptions.HdfException;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * anndata's IO registry in Java: readers keyed by {@link IOSpec} (encoding-type + encoding-version), writers keyed by
 * the Java type of the value; one {@link ElementCodec} per encoding. Unknown specs and unsupported value types throw
 * an {@link AtlasFormatException} naming the spec, the element path and the file. Elements without encoding
 * attributes (anndata &lt; 0.8 files) get a spec inferred from their HDF5 layout.
 */
public final class ElementRegistry {

    private record WriterEntry(Class<?> type, ElementCodec codec) {
    }

    private final Map<IOSpec, ElementCodec> readers = new HashMap<>();
    private final List<WriterEntry> writers = new ArrayList<>();

    private static final ElementRegistry STANDARD = createStandard();

    /** The registry with every encoding scjava supports. */
    public static ElementRegistry standard() {
        return STANDARD;
    }

    private static ElementRegistry createStandard() {
        ElementRegistry r = new ElementRegistry();
        SparseMatrixCodec.register(r);
        DenseArrayCodec.register(r);
        StringArrayCodec.register(r);
        ScalarCodec.register(r);
        CategoricalCodec.register(r);
        NullableCodec.register(r);
        DataFrameCodec.register(r);
        DictCodec.register(r);
        return r;
    }

    public void registerReader(IOSpec spec, ElementCodec codec) {
        readers.put(spec, codec);
    }

    /** Values of {@code type} (or a subtype) are written by {@code codec}; earlier registrations win. */
    public void registerWriter(Class<?> type, ElementCodec codec) {
        writers.add(new WriterEntry(type, codec));
    }

    /** The element's spec from its attributes, or inferred from its layout for files without them. */
    public IOSpec specOf(Node node) {
        String type = Hdf5Arrays.stringAttr(node, "encoding-type", null);
        if (type != null) {
            return new IOSpec(type, Hdf5Arrays.stringAttr(node, "encoding-version", ""));
        }
        if (node instanceof Group g) {
            String h5sparse = Hdf5Arrays.stringAttr(g, "h5sparse_format", null);
            if (h5sparse != null) {
                return "csc".equals(h5sparse) ? IOSpec.CSC : IOSpec.CSR;
            }
            if (g.getAttribute("_index") != null) {
                return IOSpec.DATAFRAME_LEGACY;
            }
            return IOSpec.DICT;
        }
        Dataset ds = (Dataset) node;
        if (ds.isCompound()) {
            return DataFrameCodec.COMPOUND;
        }
        if (Hdf5Arrays.isString(ds)) {
            return ds.isScalar() ? IOSpec.STRING : IOSpec.STRING_ARRAY;
        }
        return ds.isScalar() ? IOSpec.NUMERIC_SCALAR : IOSpec.ARRAY;
    }

    /**
     * Reads any element, wrapping failures from inside the HDF5 library with the element path. The element is first
     * admitted by {@link Hdf5Guard} (links resolved, cycles and depth refused, declared sizes checked).
     */
    public Object read(Node node, ReadContext ctx) {
        try (Hdf5Guard.Admission admitted = Hdf5Guard.admit(node, ctx.file())) {
            return readAdmitted(admitted.node(), ctx);
        }
    }

    private Object readAdmitted(Node node, ReadContext ctx) {
        IOSpec spec;
        try {
            spec = specOf(node);
        } catch (HdfException | IllegalArgumentException e) {
            throw ctx.error(node, "cannot read the encoding attributes: " + e.getMessage());
        }
        ElementCodec codec = readers.get(spec);
        if (codec == null) {
            // Same type under another version: only accept versions we know to be compatible.
            throw ctx.error(node, "unknown element encoding " + spec + "; scjava reads " + describeKnown());
        }
        try {
            return codec.read(node, ctx);
        } catch (AtlasFormatException e) {
            throw e;
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | NullPointerException | ClassCastException | ArithmeticException | NegativeArraySizeException
                 | UnsupportedOperationException | java.nio.BufferUnderflowException | java.io.UncheckedIOException e) {
            throw new AtlasFormatException(ctx.file(), node.getPath(), "cannot read " + spec.type() + " element: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + " — the file may be truncated or not written by anndata", e);
        }
    }

    /** The reader for {@code spec}, or null. */
    public ElementCodec reader(IOSpec spec) {
        return readers.get(spec);
    }

    /** Writes {@code value} under {@code name}, choosing the codec by the value's type. */
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        String elementPath = parent.path().equals("/") ? "/" + name : parent.path() + "/" + name;
        if (value == null) {
            throw new AtlasFormatException(ctx.file(), elementPath, "cannot write a null value");
        }
        for (WriterEntry w : writers) {
            if (w.type().isInstance(value)) {
                try {
                    w.codec().write(parent, name, value, ctx);
                } catch (AtlasFormatException e) {
                    throw e;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new AtlasFormatException(ctx.file(), elementPath, "cannot write " + value.getClass().getSimpleName()
                            + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        throw new AtlasFormatException(ctx.file(), elementPath, "no h5ad encoding for values of type "
                + value.getClass().getName() + "; supported: numbers, strings, booleans, primitive and String arrays, "
                + "Matrix, Tablesaw Table, Map");
    }

    private String describeKnown() {
        List<String> names = new ArrayList<>();
        for (IOSpec s : readers.keySet()) {
            names.add(s.type() + "@" + s.version());
        }
        names.sort(null);
        return String.join(", ", names);
    }

    /** Stamps both encoding attributes, as anndata's writers do. */
    static <T extends H5Node> T stamp(T node, IOSpec spec) {
        node.attr("encoding-type", spec.type());
        node.attr("encoding-version", spec.version());
        return node;
    }
}
