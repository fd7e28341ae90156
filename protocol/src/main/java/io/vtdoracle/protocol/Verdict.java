package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import java.util.List;

/** What judging a trace or a unit concluded, as text for a person and as JSON data ({@code --report}). */
public sealed interface Verdict {

    /** Exit code: every step was allowed. */
    int ALLOWED = 0;
    /** Exit code: a step was not allowed (or could not be judged, or the unit failed). */
    int DISALLOWED = 1;
    /** Exit code: the trace is malformed (or the arguments are bad). */
    int MALFORMED = 2;
    /** Exit code: the unit does not support the capabilities; nothing was judged. */
    int UNSUPPORTED = 4;

    /** The process exit code of this verdict. */
    int exitCode();

    /** A few lines for a person. */
    String text();

    /** The same as data. */
    ObjectNode json();

    private static ObjectNode node(String verdict) {
        return JsonNodeFactory.instance.objectNode().put("verdict", verdict);
    }

    /** Every step of the trace was one the architecture allows. */
    record Allowed(long steps, long units) implements Verdict {
        public int exitCode() {
            return ALLOWED;
        }

        public String text() {
            return "allowed: all " + steps + " steps of " + units + " unit" + (units == 1 ? "" : "s")
                    + " are allowed by the model";
        }

        public ObjectNode json() {
            return node("allowed").put("steps", steps).put("units", units);
        }
    }

    /**
     * Step {@code step} (trace line {@code line}) showed {@code seen}, which no state the unit may be in allows.
     *
     * @param allowed  what the model allows, as the same observation would show it
     * @param closest  the allowed outcome nearest to what was seen (same result if one has it), for the diff
     * @param missing  events the closest allowed outcome has and the unit did not show
     * @param extra    events the unit showed and the closest allowed outcome does not have
     * @param sections VT-d specification sections of the rule that decided the closest allowed outcome (empty
     *                 when the model does not name them)
     */
    record Disallowed(long step, long line, Operation operation, Observation seen, List<Observation> allowed,
                      Observation closest, List<Event> missing, List<Event> extra, List<String> sections)
            implements Verdict {
        public int exitCode() {
            return DISALLOWED;
        }

        public String text() {
            StringBuilder text = new StringBuilder();
            text.append("disallowed at step ").append(step).append(" (line ").append(line).append("): ")
                    .append(operation).append('\n');
            text.append("  seen:    ").append(seen).append('\n');
            for (int i = 0; i < allowed.size(); i++) {
                text.append(i == 0 ? "  allowed: " : "       or: ").append(allowed.get(i)).append('\n');
            }
            if (!closest.result().equals(seen.result())) {
                text.append("  result:  ").append(seen.result().map(Object::toString).orElse("?"))
                        .append(" where ").append(closest.result().map(Object::toString).orElse("?"))
                        .append(" is allowed\n");
            }
            missing.forEach(event -> text.append("  missing: ").append(event).append('\n'));
            extra.forEach(event -> text.append("  extra:   ").append(event).append('\n'));
            if (!sections.isEmpty()) {
                text.append("  rule:    VT-d ").append(String.join(", ", sections)).append('\n');
            }
            return text.toString().stripTrailing();
        }

        public ObjectNode json() {
            ObjectNode node = node("disallowed").put("step", step).put("line", line);
            node.set("op", Json.encode(operation));
            node.set("seen", Json.encode(seen));
            ArrayNode alternatives = node.putArray("allowed");
            allowed.forEach(a -> alternatives.add(Json.encode(a)));
            node.set("closest", Json.encode(closest));
            ArrayNode missingNode = node.putArray("missing");
            missing.forEach(e -> missingNode.add(Json.encode(e)));
            ArrayNode extraNode = node.putArray("extra");
            extra.forEach(e -> extraNode.add(Json.encode(e)));
            ArrayNode sectionsNode = node.putArray("sections");
            sections.forEach(sectionsNode::add);
            return node;
        }
    }

    /** The outcomes so far leave too many model states to follow (Oracle.MAX_CANDIDATES): no verdict on the unit. */
    record Ambiguous(long step, long line, Operation operation, String reason) implements Verdict {
        public int exitCode() {
            return DISALLOWED;
        }

        public String text() {
            return "cannot judge step " + step + " (line " + line + "): " + reason;
        }

        public ObjectNode json() {
            ObjectNode node = node("ambiguous").put("step", step).put("line", line).put("reason", reason);
            node.set("op", Json.encode(operation));
            return node;
        }
    }

    /** The trace breaks the format at {@code line}, field {@code field}: nothing past it was judged. */
    record Malformed(long line, String field, String problem, long stepsJudged) implements Verdict {
        public int exitCode() {
            return MALFORMED;
        }

        public String text() {
            return "malformed trace: " + problem + " (" + stepsJudged + " steps before it were allowed; nothing"
                    + " after it was judged)";
        }

        public ObjectNode json() {
            return node("malformed").put("line", line).put("field", field).put("problem", problem)
                    .put("stepsJudged", stepsJudged);
        }
    }

    /** The unit refused the capabilities (at construction, or its program said so): nothing was judged. */
    record Unsupported(String reason) implements Verdict {
        public int exitCode() {
            return UNSUPPORTED;
        }

        public String text() {
            return "unsupported: the unit does not support these capabilities: " + reason;
        }

        public ObjectNode json() {
            return node("unsupported").put("reason", reason);
        }
    }

    /** The unit under test failed at a step (its program died, timed out or answered garbage). */
    record UnitFailed(long step, String reason) implements Verdict {
        public int exitCode() {
            return DISALLOWED;
        }

        public String text() {
            return "the unit failed at step " + step + ": " + reason;
        }

        public ObjectNode json() {
            return node("unit-failed").put("step", step).put("reason", reason);
        }
    }
}
