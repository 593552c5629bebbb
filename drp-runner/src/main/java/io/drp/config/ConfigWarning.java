package io.drp.config;

/** A legal but risky setting, reported with the same file:line: field prefix as errors. */
public record ConfigWarning(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
