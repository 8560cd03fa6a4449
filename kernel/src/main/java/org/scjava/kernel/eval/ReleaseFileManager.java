package org.scjava.kernel.eval;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives JShell's compiler the Java SE API of an older release (21) from the JDK's {@code lib/ct.sym}: the effect of
 * {@code javac --release 21}, with ct.sym opened once per session.
 *
 * <p>Why hand-written: javac's own {@code --release} opens ct.sym as a new zip file system for every compilation
 * (its {@code JDKPlatformProvider} is dropped with each pooled context), which costs 50–100 ms per JShell snippet.
 * Here the system modules are served by one standard file manager over the ct.sym sections of the release, set up
 * through the public {@code setLocationForModule} API; everything else goes to JShell's own file manager. ct.sym
 * stores class files under a {@code .sig} extension; they are presented to the compiler as {@code CLASS} files.
 */
final class ReleaseFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    private final StandardJavaFileManager release;
    private final FileSystem ctSym;

    private ReleaseFileManager(StandardJavaFileManager base, StandardJavaFileManager release, FileSystem ctSym) {
        super(base);
        this.release = release;
        this.ctSym = ctSym;
    }

    /**
     * A mapping for {@code JShell.Builder.fileManager} that restricts the API to {@code release}, or empty when the
     * running JDK is that release already (nothing to restrict) or has no ct.sym entry for it.
     */
    static Optional<java.util.function.Function<StandardJavaFileManager, StandardJavaFileManager>> forRelease(int release) {
        if (Runtime.version().feature() == release) {
            return Optional.empty();
        }
        Path ct = Path.of(System.getProperty("java.home"), "lib", "ct.sym");
        if (!Files.isReadable(ct)) {
            return Optional.empty();
        }
        try {
            FileSystem fs = FileSystems.newFileSystem(ct, (ClassLoader) null);
            Map<String, List<Path>> modules = releaseModules(fs, release);
            if (modules.isEmpty()) {
                fs.close();
                return Optional.empty();
            }
            StandardJavaFileManager rel = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
            rel.handleOption("--system", List.of("none").iterator());
            for (Map.Entry<String, List<Path>> e : modules.entrySet()) {
                rel.setLocationForModule(StandardLocation.SYSTEM_MODULES, e.getKey(), e.getValue());
            }
            return Optional.of(base -> new ReleaseFileManager(base, rel, fs));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Java " + release + " API from " + ct + ": " + e.getMessage(), e);
        }
    }

    /** ct.sym sections are named by the releases (base 36) that share their files; "L" is 21. */
    private static Map<String, List<Path>> releaseModules(FileSystem fs, int release) throws IOException {
        String tag = Integer.toString(release, Character.MAX_RADIX).toUpperCase(Locale.ROOT);
        Map<String, List<Path>> modules = new TreeMap<>();
        Path root = fs.getRootDirectories().iterator().next();
        try (DirectoryStream<Path> sections = Files.newDirectoryStream(root)) {
            for (Path section : sections) {
                String name = stripSlash(section.getFileName().toString());
                if (!name.contains(tag) || name.contains("-")) {
                    continue;
                }
                try (DirectoryStream<Path> mods = Files.newDirectoryStream(section)) {
                    for (Path m : mods) {
                        modules.computeIfAbsent(stripSlash(m.getFileName().toString()), k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
        return modules;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isSystem(Location location) {
        return location == StandardLocation.SYSTEM_MODULES || location.getName().startsWith("SYSTEM_MODULES[");
    }

    /** A ct.sym {@code .sig} entry: a class file under another extension. */
    private static final class SigFile extends ForwardingJavaFileObject<JavaFileObject> {
        SigFile(JavaFileObject delegate) {
            super(delegate);
        }

        JavaFileObject delegate() {
            return fileObject;
        }

        @Override
        public Kind getKind() {
            return Kind.CLASS;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            String n = fileObject.getName();
            return kind == Kind.CLASS && (n.endsWith("/" + simpleName + ".sig") || n.equals(simpleName + ".sig"));
        }
    }

    private static JavaFileObject unwrap(JavaFileObject f) {
        return f instanceof SigFile s ? s.delegate() : f;
    }

    private static FileObject unwrap(FileObject f) {
        return f instanceof SigFile s ? s.delegate() : f;
    }

    @Override
    public boolean hasLocation(Location location) {
        return isSystem(location) ? release.hasLocation(location) : super.hasLocation(location);
    }

    @Override
    public Iterable<Set<Location>> listLocationsForModules(Location location) throws IOException {
        return isSystem(location) ? release.listLocationsForModules(location) : super.listLocationsForModules(location);
    }

    @Override
    public Location getLocationForModule(Location location, String moduleName) throws IOException {
        return isSystem(location) ? release.getLocationForModule(location, moduleName)
                : super.getLocationForModule(location, moduleName);
    }

    @Override
    public Location getLocationForModule(Location location, JavaFileObject fo) throws IOException {
        return isSystem(location) ? release.getLocationForModule(location, unwrap(fo))
                : super.getLocationForModule(location, fo);
    }

    @Override
    public String inferModuleName(Location location) throws IOException {
        return isSystem(location) ? release.inferModuleName(location) : super.inferModuleName(location);
    }

    @Override
    public boolean contains(Location location, FileObject fo) throws IOException {
        return isSystem(location) ? release.contains(location, unwrap(fo)) : super.contains(location, fo);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof SigFile s) {
            return release.inferBinaryName(location, s.delegate());
        }
        return isSystem(location) ? release.inferBinaryName(location, file) : super.inferBinaryName(location, file);
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        if (!isSystem(location)) {
            return super.list(location, packageName, kinds, recurse);
        }
        Set<JavaFileObject.Kind> withOther = EnumSet.copyOf(kinds);
        withOther.add(JavaFileObject.Kind.OTHER);
        List<JavaFileObject> out = new ArrayList<>();
        for (JavaFileObject f : release.list(location, packageName, withOther, recurse)) {
            if (f.getKind() == JavaFileObject.Kind.OTHER && f.getName().endsWith(".sig")) {
                if (kinds.contains(JavaFileObject.Kind.CLASS)) {
                    out.add(new SigFile(f));
                }
            } else if (kinds.contains(f.getKind())) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        if (!isSystem(location)) {
            return super.getJavaFileForInput(location, className, kind);
        }
        if (kind == JavaFileObject.Kind.CLASS) {
            FileObject sig = release.getFileForInput(location, "", className.replace('.', '/') + ".sig");
            if (sig instanceof JavaFileObject jfo) {
                return new SigFile(jfo);
            }
        }
        return release.getJavaFileForInput(location, className, kind);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return super.isSameFile(unwrap(a), unwrap(b));
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
            release.close();
        } finally {
            ctSym.close();
        }
    }

    // ------------------------------------------------------------------ StandardJavaFileManager, delegated

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(unwrap(file));
    }

    @Override
    public void setPathFactory(PathFactory f) {
        fileManager.setPathFactory(f);
    }
}
