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

    /** The summary for a JShell signature, or "" when the class is not one of ours or has no doc comment. */
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
        if (!className.startsWith("org.scjava.")) {
            return "";
        }
        Map<String, String> docs = byClass.computeIfAbsent(className, SourceDocs::read);
        String doc = docs.get(key);
        if (doc == null && !key.isEmpty()) {
            String name = key.substring(0, key.indexOf('/'));
            doc = docs.entrySet().stream().filter(e -> e.getKey().startsWith(name + "/"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return doc == null ? "" : doc;
    }

    /** Doc summaries of one class: "" for the class itself, "name/arity" for its methods and constructors. */
    private static Map<String, String> read(String className) {
        Optional<Path> source = locate(className);
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new ConcurrentHashMap<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> files = fm.getJavaFileObjects(source.get());
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, files);
            DocTrees trees = DocTrees.instance(task);
            String simple = className.substring(className.lastIndexOf('.') + 1);
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

    private static Optional<Path> locate(String className) {
        String home = System.getProperty("scjava.home", System.getProperty("scjava.repo.root", ""));
        if (home.isEmpty()) {
            return Optional.empty();
        }
        String outer = className;
        // A nested class lives in its outer class's file: strip trailing capitalised segments until a file exists.
        while (outer.contains(".")) {
            String rel = outer.replace('.', '/') + ".java";
            for (String module : MODULES) {
                Path p = Path.of(home, module, "src", "main", "java").resolve(rel);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
            outer = outer.substring(0, outer.lastIndexOf('.'));
        }
        return Optional.empty();
    }
}
