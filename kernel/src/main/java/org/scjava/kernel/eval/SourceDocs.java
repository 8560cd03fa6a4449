package org.scjava.kernel.eval;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc summaries of scjava's own API for inspect replies. JShell finds javadoc only in the JDK's src.zip, so for
 * classes of this project the summary is read from the sources beside the build ({@code <scjava.home>/<module>/
 * src/main/java}), parsed (not compiled) with javac's tree API, and cached per class.
 */
final class SourceDocs {

    private static final List<String> MODULES = List.of("dsl", "models", "magics", "kernel");
    /** "... org.scjava.dsl.atlas.Atlas.load(java.lang.String path)" → class, member, parameters. */
    private static final Pattern MEMBER = Pattern.compile("([\\w.]+)\\.(\\w+)\\(([^)]*)\\)");

    private final Map<String, Map<String, String>> byClass = new ConcurrentHashMap<>();
    private volatile Map<String, Path> simpleNames;

    /**
     * The summary for a JShell signature ("Atlas Atlas.load(String path)", imported classes by simple name), or ""
     * when the class is not one of ours or has no doc comment.
     */
    String summary(String signature) {
        Matcher m = MEMBER.matcher(signature);
        String className;
        String key;
        if (m.find()) {
            className = m.group(1);
            String params = m.group(3).strip();
            key = m.group(2) + "/" + (params.isEmpty() ? 0 : params.split(",").length);
        } else {
            className = signature.strip().replaceAll("^.*\\s", "");
            key = "";
        }
        Optional<Path> source = locate(className);
        if (source.isEmpty()) {
            return "";
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        Map<String, String> docs = byClass.computeIfAbsent(source.get() + "#" + simple, k -> read(source.get(), simple));
        String doc = docs.get(key);
        if (doc == null && !key.isEmpty()) {
            String name = key.substring(0, key.indexOf('/'));
            doc = docs.entrySet().stream().filter(e -> e.getKey().startsWith(name + "/"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return doc == null ? "" : doc;
    }

    /** Doc summaries of one class: "" for the class itself, "name/arity" for its methods and constructors. */
    private static Map<String, String> read(Path source, String simple) {
        Map<String, String> out = new ConcurrentHashMap<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> files = fm.getJavaFileObjects(source);
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, files);
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree node, Void unused) {
                        if (node.getSimpleName().contentEquals(simple)) {
                            put(out, "", trees.getDocCommentTree(getCurrentPath()));
                        }
                        return super.visitClass(node, unused);
                    }

                    @Override
                    public Void visitMethod(MethodTree node, Void unused) {
                        TreePath path = getCurrentPath();
                        Tree owner = path.getParentPath().getLeaf();
                        if (owner instanceof ClassTree c && c.getSimpleName().contentEquals(simple)) {
                            String name = node.getName().contentEquals("<init>") ? simple : node.getName().toString();
                            out.putIfAbsent(name + "/" + node.getParameters().size(), summary(trees.getDocCommentTree(path)));
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, DocCommentTree doc) {
        out.putIfAbsent(key, summary(doc));
    }

    private static String summary(DocCommentTree doc) {
        if (doc == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        doc.getFirstSentence().forEach(t -> sb.append(t));
        return Javadocs.plain(sb.toString()).replaceAll("\\s+", " ").strip();
    }

    /**
     * The source file declaring {@code className}: a qualified name maps to its path (a nested class to its outer
     * class's file); a simple name (JShell shows imported classes that way) is looked up among our sources.
     */
    private Optional<Path> locate(String className) {
        List<Path> roots = sourceRoots();
        if (className.startsWith("org.scjava.")) {
            for (String outer = className; outer.contains("."); outer = outer.substring(0, outer.lastIndexOf('.'))) {
                String rel = outer.replace('.', '/') + ".java";
                for (Path root : roots) {
                    if (Files.isRegularFile(root.resolve(rel))) {
                        return Optional.of(root.resolve(rel));
                    }
                }
            }
            return Optional.empty();
        }
        if (className.isEmpty() || !Character.isUpperCase(className.charAt(0))) {
            return Optional.empty();
        }
        String outer = className.contains(".") ? className.substring(0, className.indexOf('.')) : className;
        return Optional.ofNullable(bySimpleName(roots).get(outer));
    }

    private Map<String, Path> bySimpleName(List<Path> roots) {
        Map<String, Path> index = simpleNames;
        if (index == null) {
            Map<String, Path> built = new java.util.HashMap<>();
            for (Path root : roots) {
                try (var files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .forEach(f -> built.putIfAbsent(f.getFileName().toString().replace(".java", ""), f));
                } catch (IOException | java.io.UncheckedIOException e) {
                    // an unreadable source folder only means fewer summaries
                }
            }
            index = Map.copyOf(built);
            simpleNames = index;
        }
        return index;
    }

    private static List<Path> sourceRoots() {
        String home = System.getProperty("scjava.home", System.getProperty("scjava.repo.root", ""));
        if (home.isEmpty()) {
            return List.of();
        }
        return MODULES.stream().map(m -> Path.of(home, m, "src", "main", "java").resolve("org/scjava"))
                .filter(Files::isDirectory).map(p -> p.getParent().getParent()).toList();
    }
}
