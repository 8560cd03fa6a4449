package org.scjava.magics;

import java.util.List;

/** {@code %help [NAME]}: how cells work in this kernel, or one magic's help. */
public final class HelpMagic implements Magic {

    static final String OVERVIEW = """
            scjava kernel: cells are Java 21 (JShell). The scjava DSL (Atlas, verbs), Tablesaw (tech.tablesaw.api) and \
            XChart are imported.
              • The value of a cell's last expression is shown (an Atlas as a summary, a Table as HTML, a plot inline);
                end it with ';' to hide it.
              • display(x) shows more than one result from a cell; display(fig, "svg") picks the format.
              • Variables, methods and classes live on for later cells; Interrupt stops a running cell and keeps them.
              • Magics: %name args on a line of their own, %%name args as a cell's first line. %lsmagic lists them,
                %help NAME explains one.""";

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "%help [MAGIC]";
    }

    @Override
    public String help() {
        return "Shows how cells work in this kernel, or the help of one magic (%help atlas).";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        if (args.isEmpty()) {
            return OVERVIEW;
        }
        String name = args.get(0).replaceFirst("^%+", "");
        List<Magic> found = context.magics().stream().filter(m -> m.name().equals(name)).toList();
        if (found.isEmpty()) {
            throw new MagicException("no magic named " + name + "; %lsmagic lists them");
        }
        StringBuilder sb = new StringBuilder();
        for (Magic m : found) {
            sb.append(sb.length() == 0 ? "" : "\n\n").append("usage: ").append(m.usage()).append("\n").append(m.help());
        }
        return sb.toString();
    }
}
