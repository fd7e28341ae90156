package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running program of the process protocol: a line out, a line back within the timeout. Its stderr is kept
 * (the last lines) to say why it died. Not thread-safe: one exchange at a time.
 */
final class ProgramConnection implements AutoCloseable {

    private static final String END = new String("end of output");
    private static final int STDERR_LINES = 20;

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Duration timeout;
    private long session;

    ProgramConnection(List<String> command, Duration timeout) {
        this.name = "program '" + String.join(" ", command) + "'";
        this.timeout = timeout;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UnitFailure("cannot start " + name + ": " + e.getMessage());
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("stdout", () -> {
            try (BufferedReader out = reader(process.getInputStream())) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the program is gone: the END marker says so
            }
            lines.add(END);
        });
        daemon("stderr", () -> {
            try (BufferedReader err = reader(process.getErrorStream())) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (stderr) {
                        stderr.addLast(line);
                        if (stderr.size() > STDERR_LINES) {
                            stderr.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // nothing more to keep
            }
        });
    }

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private void daemon(String what, Runnable body) {
        Thread thread = new Thread(body, "vtd-oracle " + what + " of " + name);
        thread.setDaemon(true);
        thread.start();
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Which unit (hello) the program currently runs. */
    long session() {
        return session;
    }

    long nextSession() {
        return ++session;
    }

    /** Sends {@code message} and returns the program's one-line JSON answer; {@code what} names the exchange. */
    JsonNode exchange(JsonNode message, String what) {
        try {
            stdin.write(Json.line(message));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw failure(what, "its stdin is closed (" + e.getMessage() + ")");
        }
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, "interrupted while waiting for its answer");
        }
        if (line == null) {
            stop();
            throw failure(what, "no answer within " + timeout.toMillis() + " ms (the program was stopped)");
        }
        if (line == END) {
            lines.add(END);
            throw failure(what, "it exited" + exitCode() + " before answering");
        }
        try {
            JsonNode reply = Json.parse(line);
            if (!reply.isObject()) {
                throw new JsonFormatException("", "not a JSON object");
            }
            if (reply.hasNonNull("error")) {
                throw failure(what, "it reported an error: " + reply.get("error").asText());
            }
            return reply;
        } catch (JsonFormatException e) {
            stop();
            throw failure(what, "it wrote `" + abbreviate(line) + "`, " + e.getMessage());
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private UnitFailure failure(String what, String problem) {
        String recent;
        synchronized (stderr) {
            recent = stderr.isEmpty() ? "" : "; its last stderr lines:\n  " + String.join("\n  ", stderr);
        }
        return new UnitFailure(name + " failed at " + what + ": " + problem + recent);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** Stops the program and whatever it started. */
    private void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Closes the program's stdin (the end of the protocol) and stops it if it does not exit soon. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }
}
