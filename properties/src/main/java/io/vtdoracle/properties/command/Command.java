package io.vtdoracle.properties.command;

/**
 * One step of a generated script: a value with a readable {@code toString} (the printed script) that expands
 * deterministically, through a {@link GuestView}, into the {@link io.vtdoracle.api.Operation}s a unit receives.
 */
public interface Command {

    /** Issues this command's operations through {@code view}, updating what the view knows. */
    void issue(GuestView view);
}
