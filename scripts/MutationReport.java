import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns PIT's mutations.xml into markdown (run by scripts/mutation as a single-file program, JDK only):
 * <pre>
 * java scripts/MutationReport.java table MUTATIONS_XML      the overall score and the per-class table
 * java scripts/MutationReport.java score MUTATIONS_XML      the overall score, one line
 * java scripts/MutationReport.java survivors MUTATIONS_XML  every surviving or uncovered mutant, by class
 * java scripts/MutationReport.java splice FILE NAME TEXT_FILE
 *     replaces what stands between "&lt;!-- NAME:start --&gt;" and "&lt;!-- NAME:end --&gt;" in FILE by TEXT_FILE's text
 * </pre>
 * A mutant is detected when PIT says so (killed, timed out, memory or run error); the score is detected over
 * all mutants, test strength is detected over covered mutants.
 */
public final class MutationReport {

    private record Mutant(String outerClass, String status, boolean detected, String method, int line,
                          String description) {
    }

    /** Counts of one class (or of all). */
    private static final class Tally {
        int mutants;
        int killed;
        int survived;
        int noCoverage;
        int timedOut;
        int otherDetected;
        int detected;

        void add(Mutant m) {
            mutants++;
            if (m.detected()) {
                detected++;
            }
            switch (m.status()) {
                case "KILLED" -> killed++;
                case "SURVIVED" -> survived++;
                case "NO_COVERAGE" -> noCoverage++;
                case "TIMED_OUT" -> timedOut++;
                default -> otherDetected += m.detected() ? 1 : 0;
            }
        }

        String score() {
            return percent(detected, mutants);
        }

        String strength() {
            return percent(detected, mutants - noCoverage);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("table")) {
            System.out.print(table(read(Path.of(args[1]))));
        } else if (args.length == 2 && args[0].equals("score")) {
            System.out.println(score(read(Path.of(args[1]))));
        } else if (args.length == 2 && args[0].equals("survivors")) {
            System.out.print(survivors(read(Path.of(args[1]))));
        } else if (args.length == 4 && args[0].equals("splice")) {
            splice(Path.of(args[1]), args[2], Files.readString(Path.of(args[3]), StandardCharsets.UTF_8));
        } else {
            System.err.println("usage: MutationReport table|score|survivors MUTATIONS_XML"
                    + " | splice FILE NAME TEXT_FILE");
            System.exit(2);
        }
    }

    private static List<Mutant> read(Path xml) throws Exception {
        if (!Files.isRegularFile(xml)) {
            throw new IOException("no PIT report at " + xml + " (run the mutation profile first)");
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList nodes = doc.getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String mutatedClass = text(e, "mutatedClass");
            int dollar = mutatedClass.indexOf('$');
            mutants.add(new Mutant(dollar < 0 ? mutatedClass : mutatedClass.substring(0, dollar),
                    e.getAttribute("status"), Boolean.parseBoolean(e.getAttribute("detected")),
                    text(e, "mutatedMethod"), Integer.parseInt(text(e, "lineNumber")), text(e, "description")));
        }
        if (mutants.isEmpty()) {
            throw new IOException(xml + " lists no mutant");
        }
        return mutants;
    }

    private static String text(Element e, String tag) {
        Node n = e.getElementsByTagName(tag).item(0);
        return n == null ? "" : n.getTextContent().strip();
    }

    private static String score(List<Mutant> mutants) {
        Tally all = new Tally();
        mutants.forEach(all::add);
        return String.format(Locale.ROOT, "%,d mutants, %,d detected (%,d killed, %,d timed out): score **%s**, "
                        + "test strength %s (%,d not covered by any test)", all.mutants, all.detected, all.killed,
                all.timedOut, all.score(), all.strength(), all.noCoverage);
    }

    private static String table(List<Mutant> mutants) {
        Map<String, Tally> byClass = new TreeMap<>();
        Tally all = new Tally();
        for (Mutant m : mutants) {
            byClass.computeIfAbsent(m.outerClass(), k -> new Tally()).add(m);
            all.add(m);
        }
        StringBuilder out = new StringBuilder();
        out.append(score(mutants)).append(".\n\n");
        out.append("| Class | Mutants | Killed | Survived | No coverage | Timed out | Other detected | Score |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byClass.forEach((name, t) -> row(out, "`" + name.replaceFirst("^io\\.vtdoracle\\.impl\\.", "") + "`", t));
        row(out, "**all**", all);
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Tally t) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s |%n", name, t.mutants, t.killed,
                t.survived, t.noCoverage, t.timedOut, t.otherDetected, t.score()));
    }

    private static String survivors(List<Mutant> mutants) {
        Map<String, List<Mutant>> byClass = new TreeMap<>();
        for (Mutant m : mutants) {
            if (!m.detected()) {
                byClass.computeIfAbsent(m.outerClass(), k -> new ArrayList<>()).add(m);
            }
        }
        StringBuilder out = new StringBuilder();
        byClass.forEach((name, list) -> {
            out.append(String.format(Locale.ROOT, "- `%s` (%d)%n", name.replaceFirst("^io\\.vtdoracle\\.impl\\.", ""),
                    list.size()));
            list.stream().sorted((a, b) -> Integer.compare(a.line(), b.line())).forEach(m -> out.append(
                    String.format(Locale.ROOT, "  - line %d `%s`: %s%s%n", m.line(), m.method(), m.description(),
                            m.status().equals("NO_COVERAGE") ? " (no coverage)" : "")));
        });
        return out.toString();
    }

    private static void splice(Path file, String name, String text) throws IOException {
        String doc = Files.readString(file, StandardCharsets.UTF_8);
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " has no " + start + " ... " + end + " markers");
        }
        String body = text.endsWith("\n") ? text : text + "\n";
        Files.writeString(file, doc.substring(0, from + start.length()) + "\n" + body + doc.substring(to),
                StandardCharsets.UTF_8);
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%d%%", Math.round(100.0 * part / whole));
    }

    private MutationReport() {
    }
}
