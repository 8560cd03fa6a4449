package org.scjava.magics;

import java.util.ArrayList;
import java.util.List;

/** Splits a magic's argument line into words: whitespace separates, double quotes group, backslash escapes. */
public final class MagicArgs {

    private MagicArgs() {
    }

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new MagicException("unclosed quote in: " + line);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** The value after option {@code name} (e.g. "--device"), removing both from {@code args}; null if absent. */
    public static String takeOption(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new MagicException("option " + name + " needs a value");
        }
        String v = args.remove(i + 1);
        args.remove(i);
        return v;
    }

    /** Whether flag {@code name} is present (and removes it). */
    public static boolean takeFlag(List<String> args, String name) {
        return args.remove(name);
    }
}
