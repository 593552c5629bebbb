package io.drp.model;

/** Something the reader should act on, with the action. */
public record Finding(Severity severity, String code, String message, String fix) {

    public enum Severity { INFO, WARNING, BLOCKING }
}
