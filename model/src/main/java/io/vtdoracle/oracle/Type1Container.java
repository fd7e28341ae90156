package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;

/**
 * What a VFIO type1 container holds for one listener, as the oracle follows it in VFIO-effect judging: the
 * mappings it was given, in ascending IOVA, and the device whose listener it serves. It refuses what the kernel's type1 driver refuses — a MAP meeting a
 * mapping it holds (EEXIST), an UNMAP that would cut a mapping in two (a partial unmap) — and can also say what
 * mappings events give when applied by their effect alone (the contract's view, whatever its pieces). Immutable.
 */
record Type1Container(SourceId device, List<Mapping> mappings) {

    /** IOVAs {@code iova..last} (inclusive, unsigned) translate to {@code translated..} with {@code permission}. */
    record Mapping(long iova, long last, long translated, Permission permission) {

        boolean meets(long first, long end) {
            return Long.compareUnsigned(iova, end) <= 0 && Long.compareUnsigned(first, last) <= 0;
        }

        boolean inside(long first, long end) {
            return Long.compareUnsigned(first, iova) <= 0 && Long.compareUnsigned(last, end) <= 0;
        }

        /** The part of this mapping in {@code first..end} (which must meet it). */
        Mapping clip(long first, long end) {
            long from = Long.compareUnsigned(first, iova) > 0 ? first : iova;
            long to = Long.compareUnsigned(end, last) < 0 ? end : last;
            return new Mapping(from, to, translated + (from - iova), permission);
        }

        /** Whether {@code next} continues this mapping: adjacent IOVAs and output, the same permission. */
        boolean continuedBy(Mapping next) {
            return last + 1 == next.iova && translated + (last - iova) + 1 == next.translated
                    && permission == next.permission;
        }

        @Override
        public String toString() {
            return String.format("0x%x..0x%x -> 0x%x %s", iova, last, translated, permission);
        }
    }

    /** The empty container of a listener on {@code device}. */
    static Type1Container empty(SourceId device) {
        return new Type1Container(device, List.empty());
    }

    /** The container after the kernel handled {@code event}, or why it refused it. */
    Either<String, Type1Container> handle(Event.ListenerNotified event) {
        long first = event.iova();
        long end = event.iova() + event.addressMask();
        List<Mapping> met = mappings.filter(mapping -> mapping.meets(first, end));
        if (event.type() == Event.NotificationType.MAP) {
            if (!met.isEmpty()) {
                return Either.left("MAP " + event + " meets held mapping " + met.head() + " (EEXIST)");
            }
            return Either.right(insert(new Mapping(first, end, event.translatedAddress(), event.permission())));
        }
        Option<Mapping> cut = met.find(mapping -> !mapping.inside(first, end)).toOption();
        if (cut.isDefined()) {
            return Either.left("UNMAP " + event + " would unmap part of held mapping " + cut.get());
        }
        return Either.right(new Type1Container(device, mappings.removeAll(met)));
    }

    /** The container with {@code event}'s effect alone: its range cleared, then (MAP) mapped. Never refuses. */
    Type1Container overwrite(Event.ListenerNotified event) {
        long first = event.iova();
        long end = event.iova() + event.addressMask();
        List<Mapping> kept = mappings.flatMap(mapping -> !mapping.meets(first, end) ? List.of(mapping)
                : outside(mapping, first, end));
        Type1Container cleared = new Type1Container(device, kept);
        return event.type() == Event.NotificationType.MAP
                ? cleared.insert(new Mapping(first, end, event.translatedAddress(), event.permission()))
                : cleared;
    }

    /** What the container maps, as maximal runs: equal for any split of the same mappings into pieces. */
    List<Mapping> effect() {
        List<Mapping> runs = List.empty();
        for (Mapping mapping : mappings) {
            if (!runs.isEmpty() && runs.head().continuedBy(mapping)) {
                Mapping run = runs.head();
                runs = runs.tail().prepend(new Mapping(run.iova(), mapping.last(), run.translated(), run.permission()));
            } else {
                runs = runs.prepend(mapping);
            }
        }
        return runs.reverse();
    }

    private Type1Container insert(Mapping added) {
        return new Type1Container(device, mappings.append(added)
                .sorted((a, b) -> Long.compareUnsigned(a.iova(), b.iova())));
    }

    /** The parts of {@code mapping} below {@code first} and above {@code end}. */
    private static List<Mapping> outside(Mapping mapping, long first, long end) {
        List<Mapping> parts = List.empty();
        if (Long.compareUnsigned(mapping.iova(), first) < 0) {
            parts = parts.append(mapping.clip(mapping.iova(), first - 1));
        }
        if (Long.compareUnsigned(mapping.last(), end) > 0) {
            parts = parts.append(mapping.clip(end + 1, mapping.last()));
        }
        return parts;
    }
}
