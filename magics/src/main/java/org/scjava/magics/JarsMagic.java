package org.scjava.magics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %jars PATH...}: adds jars or class folders (globs allowed) to the code of later cells. */
public final class JarsMagic implements Magic {

    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String usage() {
        return "%jars PATH...   (jar files, class folders, or globs such as lib/*.jar)";
    }

    @Override
    public String help() {
        return "Makes classes in the given jars or folders usable (import them) in later cells; the same as "
                + "JShell's /env --class-path. A glob in the file name expands to the matching files.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) throws IOException {
        if (args.isEmpty()) {
            throw MagicException.usage(this, "no path given");
        }
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.addAll(expand(a));
        }
        for (Path p : paths) {
            context.addToClasspath(p);
            System.out.println("added " + p);
        }
        return null;
    }

    /** The files a path or glob names; an error when nothing exists there. */
    static List<Path> expand(String arg) throws IOException {
        Path p = Path.of(arg).toAbsolutePath().normalize();
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!(name.contains("*") || name.contains("?") || name.contains("["))) {
            if (!Files.exists(p)) {
                throw new MagicException("no such jar or folder: " + p);
            }
            return List.of(p);
        }
        Path dir = p.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MagicException("no such folder: " + dir);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            ds.forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new MagicException("no files match " + arg + " in " + dir);
        }
        out.sort(null);
        return out;
    }
}
