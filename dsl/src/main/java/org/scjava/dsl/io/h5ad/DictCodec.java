package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code dict} (0.1.0): a group whose children are elements; read as an insertion-ordered map. */
final class DictCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        DictCodec c = new DictCodec();
        r.registerReader(IOSpec.DICT, c);
        r.registerWriter(Map.class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Group g)) {
            throw ctx.error(node, "a dict must be a group");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : g.getChildren().entrySet()) {
            Object v = ctx.read(e.getValue());
            out.put(e.getKey(), v instanceof DataFrame f ? f.table() : v);
        }
        return out;
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        H5Group g = ElementRegistry.stamp(parent.group(name), IOSpec.DICT);
        for (var e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw ctx.error(g.path(), "dict keys must be strings, found " + e.getKey());
            }
            ctx.write(g, key, e.getValue());
        }
    }
}
