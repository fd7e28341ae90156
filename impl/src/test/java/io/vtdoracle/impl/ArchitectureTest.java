package io.vtdoracle.impl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The implementation is written independently of the model: it sees only the shared API and the JDK. */
@AnalyzeClasses(packages = "io.vtdoracle.impl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noModelDependency = noClasses().that().resideInAPackage("io.vtdoracle.impl..")
            .should().dependOnClassesThat().resideInAPackage("io.vtdoracle.model..");

    @ArchTest
    static final ArchRule onlyApiAndJdk = classes().that().resideInAPackage("io.vtdoracle.impl..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.vtdoracle.impl..", "io.vtdoracle.api..",
                    "java..");
}
