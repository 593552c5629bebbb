package io.drp.model;

/** An object that was not restored exactly, and why. */
public record Mismatch(String object, String reason) {

    @Override
    public String toString() {
        return object + " (" + reason + ")";
    }
}
