package org.scjava.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.kernel.eval.CompileError;
import org.scjava.kernel.eval.JavaSession;
import org.scjava.magics.MagicException;
import org.scjava.magics.MagicRegistry;
import org.scjava.models.api.FoundationModel;
import tech.tablesaw.api.Table;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Cells mixing Java and magics, and each magic, on a real session with the ServiceLoader-registered magics. */
class CellRunnerTest {

    private static JavaSession session;
    private static CellRunner runner;
    private static final List<Object> DISPLAYED = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        session = JavaSession.start();
        runner = new CellRunner(session, MagicRegistry.load(CellRunnerTest.class.getClassLoader()), DISPLAYED::add);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static Object value(String cell) throws Exception {
        JavaSession.Result r = runner.run(cell, "cell [t]");
        return r.hasValue() ? r.value() : null;
    }

    @Test
    void magicLinesRunBetweenJavaStatements() throws Exception {
        DISPLAYED.clear();
        assertThat(value("int a = 1;\n%who\nint b = a + 1;\nb")).isEqualTo(2);
        assertThat(DISPLAYED).singleElement().isInstanceOf(Table.class);
        assertThat(value("%who")).isInstanceOfSatisfying(Table.class,
                t -> assertThat(t.stringColumn("variable").asList()).contains("a", "b"));
    }

    @Test
    void linesKeepTheirCellNumbersAroundMagics() {
        CompileError e = (CompileError) catchThrowable(() -> value("%who\n\nString s = nope;"));
        assertThat(e.problems().get(0).line()).isEqualTo(3);
        assertThat(e.problems().get(0).column()).isEqualTo(12);
    }

    @Test
    void aPercentLineInsideABlockIsJava() {
        assertThatThrownBy(() -> value("for (int i = 0; i < 1; i++) {\n%who\n}")).isInstanceOf(CompileError.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void unknownMagicsNameTheKnownOnes() {
        assertThatThrownBy(() -> value("%nope")).isInstanceOf(MagicException.class)
                .hasMessageContaining("unknown line magic %nope").hasMessageContaining("%who").hasMessageContaining("%%time");
    }

    @Test
    void lsmagicAndHelpDescribeEveryMagic() throws Exception {
        Table t = (Table) value("%lsmagic");
        assertThat(t.stringColumn("magic").asList()).contains("%atlas", "%device", "%help", "%jars", "%lsmagic",
                "%maven", "%provenance", "%%time", "%who");
        assertThat((String) value("%help atlas")).contains("usage: %atlas load PATH [as NAME] | %atlas info NAME");
        assertThat((String) value("%help")).contains("display(x)");
        assertThatThrownBy(() -> value("%help nothing")).hasMessageContaining("no magic named nothing");
    }

    @Test
    void timeRunsTheBodyAndReportsTimes() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(value("%%time\nint s = 0;\nfor (int i = 0; i < 10; i++) s += i;\ns")).isEqualTo(45);
        } finally {
            System.setOut(old);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("CPU time: [0-9.]+ m?s, wall time: [0-9.]+ m?s");
        CompileError e = (CompileError) catchThrowable(() -> value("%%time\nint ok = 1;\nString s = nope;"));
        assertThat(e.problems().get(0).line()).isEqualTo(3);
    }

    @Test
    void jarsMakesClassesUsableInLaterCells() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("Greeter.java"),
                "package demo; public class Greeter { public String hello() { return \"hello from a jar\"; } }");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Greeter.java").toString())).isZero();
        Path jar = tmp.resolve("lib/greeter.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
        }
        value("%jars " + tmp.resolve("lib") + "/*.jar");
        assertThat(value("new demo.Greeter().hello()")).isEqualTo("hello from a jar");
        assertThatThrownBy(() -> value("%jars " + tmp.resolve("missing.jar"))).isInstanceOf(MagicException.class)
                .hasMessageContaining("no such jar or folder");
        assertThatThrownBy(() -> value("%jars " + tmp.resolve("lib") + "/*.zip")).hasMessageContaining("no files match");
    }

    @Test
    void atlasInfoShowsTheAtlasAndItsHistory() throws Exception {
        value("var small = new Atlas(CsrMatrix.fromDense(2, 2, new float[] {1, 0, 0, 2}), null, null);\n"
                + "small.record(\"demo\", java.util.Map.of(\"k\", 1), System.nanoTime(), \"wrote nothing\");");
        DISPLAYED.clear();
        Table history = (Table) value("%atlas info small");
        assertThat(DISPLAYED).singleElement().isInstanceOf(Atlas.class);
        assertThat(history.stringColumn("verb").asList()).containsExactly("demo");
        assertThatThrownBy(() -> value("%atlas info nothing")).hasMessageContaining("no variable named nothing");
        value("String notAtlas = \"x\";");
        assertThatThrownBy(() -> value("%atlas info notAtlas")).hasMessageContaining("notAtlas is a String, not an Atlas");
        assertThatThrownBy(() -> value("%atlas load")).hasMessageContaining("usage: %atlas load PATH");
        assertThatThrownBy(() -> value("%atlas load x.h5ad as 1bad")).hasMessageContaining("not a Java variable name");
    }

    @Test
    void modelMagicLoadsListsAndClosesHandles() throws Exception {
        Path model = Path.of(CellRunnerTest.class.getResource("/fixtures/tiny_encoder.pt").toURI());
        Path cells = Path.of(CellRunnerTest.class.getResource("/fixtures/cells.h5ad").toURI());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(model)));
        assertThat(value("%model load torchscript " + model + " --name tiny"))
                .isInstanceOfSatisfying(FoundationModel.class, m -> assertThat(m.card().checkpointSha256()).isEqualTo(sha));
        Table list = (Table) value("%model list");
        assertThat(list.stringColumn("variable").asList()).containsExactly("tiny");
        assertThat(list.stringColumn("sha256").get(0)).isEqualTo(sha);
        Table prov = (Table) value("%provenance");
        assertThat(prov.where(prov.stringColumn("component").isEqualTo("model tiny")).stringColumn("detail").get(0))
                .startsWith("sha256 " + sha);
        assertThat(value("%atlas load " + cells + " as cells\ncells.embed(tiny);\ncells.obsm(\"X_torchscript\").nCols()"))
                .isEqualTo(8);
        assertThat((String) value("%model close tiny")).startsWith("closed tiny (torchscript");
        assertThat(session.value("tiny")).isEmpty();
        assertThatThrownBy(() -> value("%model load nonsense x")).hasMessageContaining("unknown model kind 'nonsense'");
        assertThatThrownBy(() -> value("%model load torchscript x.pt --device tpu")).hasMessageContaining("unknown device 'tpu'");
        assertThatThrownBy(() -> value("%model load torchscript " + tmp.resolve("absent.pt")))
                .isInstanceOf(org.scjava.kernel.eval.UserCodeError.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> value("%model close cells")).hasMessageContaining("cells is a Atlas, not a model");
        assertThat(value("%model list")).isEqualTo("no models loaded; %model load KIND PATH loads one");
    }

    @Test
    void deviceAndProvenanceDescribeTheRuntime() throws Exception {
        Table device = (Table) value("%device");
        assertThat(device.stringColumn("property").asList()).contains("CPU threads available", "JVM heap (max)",
                "DJL engine", "GPUs", "CUDA");
        Table prov = (Table) value("%provenance");
        assertThat(prov.stringColumn("component").asList()).contains("scjava", "Java", "DJL", "libtorch", "Tablesaw",
                "XChart", "jhdf");
        assertThat(prov.where(prov.stringColumn("component").isEqualTo("Java")).stringColumn("version").get(0))
                .isEqualTo(Runtime.version().toString());
    }
}
