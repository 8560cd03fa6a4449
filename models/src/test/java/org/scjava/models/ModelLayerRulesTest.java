package org.scjava.models;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.models.runtime.Engine;
import org.scjava.models.runtime.Runtimes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer rules of the models module (docs/ARCHITECTURE.md), checked on the compiled main classes: DJL lives in
 * {@code runtime.djl} alone and is reached only through the {@link Engine} interface; the DSL is seen only through
 * its model API, core value types and readers.
 */
class ModelLayerRulesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.scjava.models");
    }

    @Test
    void onlyTheDjlRuntimeTouchesDjl() {
        noClasses().that().resideOutsideOfPackage("org.scjava.models.runtime.djl..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("every DJL class lives under models.runtime.djl")
                .check(main);
    }

    @Test
    void modelsReachTheEngineThroughTheRuntimeInterfaceOnly() {
        noClasses().that().resideOutsideOfPackage("org.scjava.models.runtime.djl..")
                .should().dependOnClassesThat().resideInAPackage("org.scjava.models.runtime.djl..")
                .because("model code never names an engine class; Runtimes finds the Engine by ServiceLoader")
                .check(main);
    }

    @Test
    void theDslIsSeenThroughItsModelApiCoreAndReadersOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.scjava.dsl.atlas..",
                        "org.scjava.dsl.pp..", "org.scjava.dsl.tl..", "org.scjava.dsl.pl..", "org.scjava.dsl.tasks..",
                        "org.scjava.dsl.baselines..", "org.scjava.dsl.stream..", "org.scjava.dsl.synthetic..")
                .because("models depend on the dsl only through dsl.api, dsl.core and dsl.io")
                .check(main);
    }

    @Test
    void theDjlEngineIsFoundByServiceLoader() {
        assertThat(Runtimes.engine().name()).isEqualTo("PyTorch (DJL)");
    }
}
