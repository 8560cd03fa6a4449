package org.scjava.dsl;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layers of the DSL (docs/ARCHITECTURE.md), checked on the compiled main classes: core at the bottom,
 * io and the model API on it, verb packages above depending downward only, and the fluent facade on top as the one
 * package that knows every verb.
 */
class LayerRulesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.scjava.dsl");
    }

    @Test
    void layersPointDownOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("org.scjava.dsl.core..")
                .layer("io").definedBy("org.scjava.dsl.io..")
                .layer("api").definedBy("org.scjava.dsl.api..")
                .layer("pp").definedBy("org.scjava.dsl.pp..")
                .layer("tl").definedBy("org.scjava.dsl.tl..")
                .layer("pl").definedBy("org.scjava.dsl.pl..")
                .layer("tasks").definedBy("org.scjava.dsl.tasks..")
                .layer("baselines").definedBy("org.scjava.dsl.baselines..")
                .layer("stream").definedBy("org.scjava.dsl.stream..")
                .layer("synthetic").definedBy("org.scjava.dsl.synthetic..")
                .layer("facade").definedBy("org.scjava.dsl.atlas..")
                .whereLayer("facade").mayNotBeAccessedByAnyLayer()
                .whereLayer("baselines").mayOnlyBeAccessedByLayers("facade")
                .whereLayer("stream").mayOnlyBeAccessedByLayers("facade")
                .whereLayer("synthetic").mayNotBeAccessedByAnyLayer()
                .whereLayer("tasks").mayOnlyBeAccessedByLayers("baselines", "stream", "facade")
                .whereLayer("pl").mayOnlyBeAccessedByLayers("tasks", "baselines", "facade")
                .whereLayer("tl").mayOnlyBeAccessedByLayers("tasks", "baselines", "stream", "facade")
                .whereLayer("pp").mayOnlyBeAccessedByLayers("tl", "pl", "tasks", "baselines", "stream", "facade")
                .whereLayer("api").mayOnlyBeAccessedByLayers("tasks", "baselines", "stream", "facade")
                .whereLayer("io").mayOnlyBeAccessedByLayers("tasks", "baselines", "stream", "synthetic", "facade")
                .because("verbs work on core data and depend downward; only the facade knows every verb");
        rule.check(main);
    }

    @Test
    void coreAndApiStandOnTheJdkAndTheirLibrariesOnly() {
        classes().that().resideInAPackage("org.scjava.dsl.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.scjava.dsl.core..", "java..",
                        "tech.tablesaw..", "org.slf4j..", "com.google.gson..")
                .because("core is the data an Atlas holds and knows no verb, reader or model")
                .check(main);
        classes().that().resideInAPackage("org.scjava.dsl.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.scjava.dsl.api..", "org.scjava.dsl.core..",
                        "java..", "org.slf4j..")
                .because("models see the DSL through this small API and core value types")
                .check(main);
    }

    @Test
    void ioReadsAndWritesCoreOnly() {
        noClasses().that().resideInAPackage("org.scjava.dsl.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.scjava.dsl.api..", "org.scjava.dsl.pp..",
                        "org.scjava.dsl.tl..", "org.scjava.dsl.pl..", "org.scjava.dsl.tasks..",
                        "org.scjava.dsl.baselines..", "org.scjava.dsl.stream..", "org.scjava.dsl.synthetic..",
                        "org.scjava.dsl.atlas..")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.scjava.dsl.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.scjava.dsl.tasks.(**)").should().beFreeOfCycles().check(main);
    }
}
