package org.scjava.magics;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** {@code %lsmagic}: every magic of the session with its usage, as a table. */
public final class LsMagic implements Magic {

    @Override
    public String name() {
        return "lsmagic";
    }

    @Override
    public String usage() {
        return "%lsmagic";
    }

    @Override
    public String help() {
        return "Lists the magics: line magics (%name) run on a line of their own, cell magics (%%name) take the whole cell.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        List<Magic> all = context.magics();
        return Table.create("magics",
                StringColumn.create("magic", all.stream().map(m -> (m.isCellMagic() ? "%%" : "%") + m.name()).toList()),
                StringColumn.create("usage", all.stream().map(Magic::usage).toList()));
    }
}
