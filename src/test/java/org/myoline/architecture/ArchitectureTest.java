package org.myoline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house rules a newcomer relies on: the clinical engine is pure (records in, records out, nothing but the
 * JDK and itself), and no package reaches itself again through others.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.myoline");

    @Test
    void theEngineDependsOnNothingButTheJdkAndItself() {
        classes().that().resideInAPackage("org.myoline.engine..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.myoline.engine..")
                .because("the engine takes records in and gives records out: no framework, database or I/O")
                .check(MAIN);
    }

    @Test
    void thePictureIsPureToo() {
        classes().that().resideInAPackage("org.myoline.picture..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.xml..", "org.myoline.engine..", "org.myoline.picture..")
                .because("the picture is drawn from the engine's records alone, so the same history gives the same bytes")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.myoline.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theRuleCatchesAnImpureEngine() {
        JavaClasses impure = new ClassFileImporter().importClasses(ImpureEngineExample.class, java.util.List.class);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> classes().that()
                .resideInAPackage("org.myoline.architecture..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.myoline.architecture..").check(impure));
    }

    /** Depends on a framework type, as an engine class must not. */
    static final class ImpureEngineExample {
        Object framework() {
            return new com.fasterxml.jackson.databind.ObjectMapper();
        }
    }
}
