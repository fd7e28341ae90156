package io.vtdoracle.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Result;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the committed vectors cover: every fault a request can show, every chapter, the generated targets. */
class CoverageTest {

    private static final VectorSet COMMITTED = VectorSet.read(CommittedVectorsTest.COMMITTED);

    @Test
    void everyDmaAndInterruptFaultIsTheOnlyAllowedResultOfSomeProbe() {
        Set<FaultReason> shown = EnumSet.noneOf(FaultReason.class);
        for (Vector vector : COMMITTED.vectors()) {
            for (Step step : vector.steps()) {
                Set<Result> results = step.allowed().stream().map(a -> a.outcome().result())
                        .collect(Collectors.toSet());
                if (step.probe() && results.size() == 1) {
                    Result only = results.iterator().next();
                    if (only instanceof Result.DmaFault fault) {
                        shown.add(fault.reason());
                    } else if (only instanceof Result.InterruptFault fault) {
                        shown.add(fault.reason());
                    }
                }
            }
        }
        // Dh needs translated requests, which the contract's untranslated DMA never makes; the vectors are legacy
        // mode, so the scalable-mode reasons (contract §9) are not among them yet.
        Set<FaultReason> legacy = EnumSet.complementOf(EnumSet.of(FaultReason.CONTEXT_ENTRY_TRANSLATION_TYPE));
        legacy.removeIf(FaultReason::isScalableMode);
        assertThat(shown).containsExactlyInAnyOrderElementsOf(legacy);
    }

    @Test
    void everyChapterHasHandWrittenAndGeneratedVectors() {
        for (Chapter chapter : Chapter.values()) {
            Set<String> origins = COMMITTED.vectors().stream().filter(v -> v.chapter() == chapter)
                    .map(Vector::origin).collect(Collectors.toSet());
            assertThat(origins).as(chapter.directory()).contains("hand-written");
            if (chapter != Chapter.REGISTERS && chapter != Chapter.FAULTS) {
                assertThat(origins).as(chapter.directory()).contains("generated");
            }
        }
        assertThat(COMMITTED.vectors()).anyMatch(v -> v.origin().equals("rfc-trace"));
    }

    @Test
    void everyKeptGeneratedCaseStillReachesItsTarget() {
        for (CoverageTarget target : CoverageTarget.all()) {
            var choices = GeneratedCases.kept().get(target.label());
            if (choices != null) {
                assertThat(GeneratedCases.replay(target, choices)).as(target.label()).isPresent();
            }
        }
        assertThat(GeneratedCases.kept()).hasSizeGreaterThanOrEqualTo(CoverageTarget.all().size() - 1);
    }
}
