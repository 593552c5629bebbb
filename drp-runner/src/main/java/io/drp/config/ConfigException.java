package io.drp.config;

import io.drp.failure.UsageFailure;

/**
 * A configuration error a user can fix: it always names the file, the line and the field, and says
 * what to do, in one line. The CLI prints {@link #getMessage()} as is and exits 2.
 */
public final class ConfigException extends UsageFailure {

    private final String file;
    private final int line;
    private final String field;

    public ConfigException(String file, int line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(String file, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "<config>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        // Always one line: values echoed from the file may contain line breaks or control characters.
        return sb.append(problem).toString().replace("\r", "\\r").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "?");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
