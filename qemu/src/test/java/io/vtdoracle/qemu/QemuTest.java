package io.vtdoracle.qemu;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A conformance test run once per configured QEMU ({@link QemuBinary#configured()}: the binaries listed in
 * {@code VTD_QEMU_BINARIES} or {@code -Dvtd.qemu.binaries}, else the one on PATH); the test method takes the
 * {@link QemuSetup} to judge. A QEMU that cannot be had is reported as a skipped invocation saying why.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EachQemu.class)
@interface QemuTest {
}
