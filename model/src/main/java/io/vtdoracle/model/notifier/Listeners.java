package io.vtdoracle.model.notifier;

/** The VMM's listeners and what each has been told (contract §7). SKELETON: owned by the notifier chapter. */
public record Listeners() {

    public static Listeners empty() {
        return new Listeners();
    }
}
