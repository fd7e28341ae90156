package io.vtdoracle.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole qtest conversation of one QEMU, from its start: the command line and every line sent, each paired with
 * the reply QEMU gave it (QEMU answers the lines in the order sent) and tagged with the scenario step during which
 * it was sent ({@link #SET_UP} before the first). A line a QEMU that died never answered has no reply.
 */
final class QtestTranscript implements QtestTap {

    /** The step of the lines sent before the scenario's first operation (start-up, edu set-up). */
    static final int SET_UP = -1;

    /** One line sent, its reply (null if none came) and the step it belongs to. */
    record Exchange(String command, String reply, int step) {
    }

    private final List<String> commandLine = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private int answered;
    private int step = SET_UP;

    @Override
    public void started(List<String> command) {
        commandLine.clear();
        commandLine.addAll(command);
    }

    @Override
    public void sent(String line) {
        exchanges.add(new Exchange(line, null, step));
    }

    @Override
    public void answered(String reply) {
        if (answered >= exchanges.size()) {
            throw new IllegalStateException("QEMU replied `" + reply + "` to no command");
        }
        Exchange exchange = exchanges.get(answered);
        exchanges.set(answered++, new Exchange(exchange.command(), reply, exchange.step()));
    }

    /** The lines sent from now on belong to step {@code index} of the scenario. */
    void beginStep(int index) {
        step = index;
    }

    /** The command line QEMU was started with, the binary first. */
    List<String> commandLine() {
        return List.copyOf(commandLine);
    }

    /** Every line sent so far, in order, with its reply. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
