package org.scjava.magics;

import org.scjava.dsl.core.Settings;

import java.util.List;

/**
 * {@code %verbosity [error|warning|info|hint|debug]}: how much scjava prints while it works, as scanpy's
 * {@code sc.settings.verbosity}; wraps {@link Settings#verbosity(String)}. Without an argument it shows the current
 * level.
 */
public final class VerbosityMagic implements Magic {

    @Override
    public String name() {
        return "verbosity";
    }

    @Override
    public String usage() {
        return "%verbosity [error|warning|info|hint|debug]";
    }

    @Override
    public String help() {
        return "Sets how much scjava prints (scanpy's settings.verbosity): warning (default) shows results and "
                + "warnings only; info adds a line per verb with what it wrote and its time; debug adds library "
                + "details. Same as Settings.verbosity(\"info\"). Without an argument, shows the current level.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        if (args.size() > 1) {
            throw new MagicException("usage: " + usage());
        }
        if (args.isEmpty()) {
            return "verbosity: " + Settings.verbosity();
        }
        try {
            Settings.verbosity(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        return null;
    }
}
