package io.vtdoracle.properties.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Marks a JUnit 5 test that runs a property ({@link io.vtdoracle.check.Property}): an ordinary {@code @Test}, tagged
 * {@code property} so a build can select (or skip) the property suites, e.g. a soak run with
 * {@code -Dgroups=property -Dvtd.tries=100000}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag("property")
public @interface PropertyTest {
}
