package io.vtdoracle.qemu;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.util.List;
import java.util.stream.Stream;

/**
 * One invocation of a {@link QemuTest} per configured QEMU, with the intel-iommu options of
 * {@code -Dvtd.qemu.options} (default {@link QemuSetup#DEFAULT_OPTIONS}).
 */
final class EachQemu implements TestTemplateInvocationContextProvider {

    private static final List<QemuBinary.Candidate> CANDIDATES = QemuBinary.configured();

    /** The intel-iommu options the conformance tests start QEMU with. */
    static String options() {
        return System.getProperty("vtd.qemu.options", QemuSetup.DEFAULT_OPTIONS);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return CANDIDATES.stream().map(EachQemu::invocation);
    }

    private static TestTemplateInvocationContext invocation(QemuBinary.Candidate candidate) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int index) {
                return candidate.available() ? "QEMU " + candidate.binary().version().series() : candidate.name();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                ExecutionCondition condition = c -> candidate.available()
                        ? ConditionEvaluationResult.enabled(candidate.name())
                        : ConditionEvaluationResult.disabled(candidate.name() + " cannot be judged: "
                                + candidate.unavailable() + " (apt-get install qemu-system-x86; qemu/fetch-qemu-10)");
                ParameterResolver setup = new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                        return parameter.getParameter().getType() == QemuSetup.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                        return new QemuSetup(candidate.binary(), options());
                    }
                };
                return List.of(condition, setup);
            }
        };
    }
}
