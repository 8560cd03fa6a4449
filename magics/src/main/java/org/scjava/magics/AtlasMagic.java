package org.scjava.magics;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.History;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import javax.lang.model.SourceVersion;

/**
 * {@code %atlas load PATH [as NAME]} runs {@code var NAME = Atlas.load("PATH");} in the session and shows it;
 * {@code %atlas info NAME} shows that Atlas's summary and its whole history.
 */
public final class AtlasMagic implements Magic {

    @Override
    public String name() {
        return "atlas";
    }

    @Override
    public String usage() {
        return "%atlas load PATH [as NAME] | %atlas info NAME";
    }

    @Override
    public String help() {
        return "load: the same as typing var NAME = Atlas.load(\"PATH\"); (h5ad, 10x .h5 or a MatrixMarket folder; "
                + "NAME defaults to atlas), then shows the Atlas.\ninfo: shows the Atlas in variable NAME and its full "
                + "history (every verb with parameters, time and duration).";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) throws Exception {
        if (args.isEmpty()) {
            throw MagicException.usage(this, "say load or info");
        }
        return switch (args.get(0)) {
            case "load" -> load(context, args);
            case "info" -> info(context, args);
            default -> throw MagicException.usage(this, "unknown subcommand '" + args.get(0) + "'");
        };
    }

    private Object load(MagicContext context, List<String> args) throws Exception {
        if (args.size() != 2 && !(args.size() == 4 && args.get(2).equals("as"))) {
            throw MagicException.usage(this, "load takes a path and optionally 'as NAME'");
        }
        String name = args.size() == 4 ? args.get(3) : "atlas";
        if (!SourceVersion.isName(name) || name.contains(".")) {
            throw new MagicException("'" + name + "' is not a Java variable name");
        }
        String path = args.get(1).replace("\\", "\\\\").replace("\"", "\\\"");
        context.eval("var " + name + " = Atlas.load(\"" + path + "\");");
        return context.value(name).orElse(null);
    }

    private Object info(MagicContext context, List<String> args) {
        if (args.size() != 2) {
            throw MagicException.usage(this, "info takes the name of a variable holding an Atlas");
        }
        String name = args.get(1);
        Atlas atlas = context.require(name, Atlas.class, "an Atlas");
        context.display(atlas);
        return atlas.history().isEmpty() ? "history: empty (no verb has run on " + name + " yet)" : history(atlas.history());
    }

    static Table history(History h) {
        List<History.Entry> e = h.entries();
        return Table.create("history",
                StringColumn.create("verb", e.stream().map(History.Entry::verb).toList()),
                StringColumn.create("parameters", e.stream().map(x -> x.params().toString()).toList()),
                StringColumn.create("time", e.stream().map(x -> x.time().toString()).toList()),
                LongColumn.create("ms", e.stream().mapToLong(History.Entry::durationMillis).toArray()));
    }
}
