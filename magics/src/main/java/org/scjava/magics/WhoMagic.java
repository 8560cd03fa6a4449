package org.scjava.magics;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** {@code %who}: the variables defined so far and their types. */
public final class WhoMagic implements Magic {

    @Override
    public String name() {
        return "who";
    }

    @Override
    public String usage() {
        return "%who";
    }

    @Override
    public String help() {
        return "Lists the variables defined in this session (name and declared type), in definition order.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        List<MagicContext.Variable> vars = context.variables();
        if (vars.isEmpty()) {
            return "no variables defined yet";
        }
        return Table.create("variables",
                StringColumn.create("variable", vars.stream().map(MagicContext.Variable::name).toList()),
                StringColumn.create("type", vars.stream().map(MagicContext.Variable::type).toList()));
    }
}
