package io.vtdoracle.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vtdoracle.model.Expectation;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * The model is a pure function over persistent values: no mutable or java.util-collection state, no exceptions
 * for guest-caused conditions, and no knowledge of the implementation or the property engine.
 */
@AnalyzeClasses(packages = "io.vtdoracle", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelPurityTest {

    private static final String MODEL = "io.vtdoracle.model..";
    private static final String API = "io.vtdoracle.api..";

    /** java.util collections, maps and arrays (mutable, or not persistent): Vavr collections are the rule. */
    private static final DescribedPredicate<JavaClass> JAVA_COLLECTION_OR_ARRAY =
            new DescribedPredicate<JavaClass>("a java.util collection or map, or an array") {
                @Override
                public boolean test(JavaClass type) {
                    return type.isArray() || type.isAssignableTo(java.util.Collection.class)
                            || type.isAssignableTo(java.util.Map.class);
                }
            };

    /** Compiler-generated fields (enum $VALUES, switch maps) are not the model's state. */
    @ArchTest
    static final ArchRule modelFieldsAreFinal = fields()
            .that().areDeclaredInClassesThat().resideInAPackage(MODEL)
            .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
            .should().beFinal()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule modelFieldsAreNotJavaCollections = noFields()
            .that().areDeclaredInClassesThat().resideInAPackage(MODEL)
            .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
            .should().haveRawType(JAVA_COLLECTION_OR_ARRAY)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule modelAndApiKnowNothingOfImplementationOrChecks = noClasses()
            .that().resideInAnyPackage(MODEL, API)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.vtdoracle.impl..", "io.vtdoracle.check..", "io.vtdoracle.properties..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule apiDoesNotDependOnTheModel = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAPackage(MODEL)
            .allowEmptyShould(false);

    /**
     * The classes allowed to check a constructor invariant with IllegalArgumentException (a programming error,
     * never a guest-caused condition): an expectation must allow some outcome; an IOVA range is not empty.
     * IovaRange is listed pending the lead's decision (reported by the control-plane chapter).
     */
    private static final DescribedPredicate<HasName> INVARIANT_CHECKER =
            name(Expectation.class.getName()).or(name("io.vtdoracle.model.notifier.IovaRange"))
                    .as("an invariant checker");

    private static final ArchCondition<JavaCodeUnit> CONSTRUCT_A_THROWABLE =
            new ArchCondition<JavaCodeUnit>("construct a Throwable") {
                @Override
                public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                    codeUnit.getConstructorCallsFromSelf().stream()
                            .filter(call -> call.getTargetOwner().isAssignableTo(Throwable.class))
                            .forEach(call -> events.add(SimpleConditionEvent.satisfied(call, call.getDescription())));
                }
            };

    /** Guest-caused conditions are faults or outcomes, never exceptions: the model throws nothing. */
    @ArchTest
    static final ArchRule modelConstructsNoThrowable = noCodeUnits()
            .that().areDeclaredInClassesThat(resideInAPackage(MODEL).and(DescribedPredicate.not(INVARIANT_CHECKER)))
            .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
            .should(CONSTRUCT_A_THROWABLE)
            .allowEmptyShould(false);

    /**
     * No exception type of its own or of a library: at most IllegalArgumentException (invariant checks, and the
     * compiler's deserialization of Vavr's serializable lambdas).
     */
    @ArchTest
    static final ArchRule modelKnowsNoExceptionButIllegalArgument = noClasses()
            .that().resideInAPackage(MODEL)
            .should().dependOnClassesThat(assignableTo(Throwable.class)
                    .and(DescribedPredicate.not(equivalentTo(IllegalArgumentException.class))))
            .allowEmptyShould(false);
}
