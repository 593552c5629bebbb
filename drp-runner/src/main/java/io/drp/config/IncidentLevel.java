package io.drp.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The source plan's three incident levels, built in as scenarios so every service is judged against them
 * without declaring anything. The defaults are the plan's: the top of each intervention window as the RTO,
 * and the SLA's 4-hour restore time for level 3. The RPO defaults to the backup interval (the best the
 * backups can do) and the loss tolerance to the SLA's 0 % integrity loss.
 */
public enum IncidentLevel {
    LEVEL_1(1, "application bug or failure, or a database failure; 15-30 min", Duration.ofMinutes(30),
            "nothing; data restored in place at a point before the failure (in a drill, into the recovery account)"),
    LEVEL_2(2, "virtual machine failure; 30-45 min", Duration.ofMinutes(45),
            "the failed service's application tier in the recovery stack; that service's containers"),
    LEVEL_3(3, "one or more servers lost; 45 min and more", Duration.ofHours(4),
            "the whole recovery stack in the paired region; every service");

    private final int number;
    private final String description;
    private final Duration defaultRto;
    private final String rebuilds;

    IncidentLevel(int number, String description, Duration defaultRto, String rebuilds) {
        this.number = number;
        this.description = description;
        this.defaultRto = defaultRto;
        this.rebuilds = rebuilds;
    }

    /** The scenario name in drp.yaml, on the command line and in reports: {@code level-1}. */
    public String scenario() {
        return "level-" + number;
    }

    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    public Duration defaultRto() {
        return defaultRto;
    }

    /** What a recovery at this level rebuilds and where its data goes. */
    public String rebuilds() {
        return rebuilds;
    }

    public static Optional<IncidentLevel> ofScenario(String scenario) {
        return Arrays.stream(values()).filter(l -> l.scenario().equals(scenario)).findFirst();
    }

    public static IncidentLevel ofNumber(int n) {
        return values()[n - 1];
    }

    /** The next level up; level 3 is the ceiling. */
    public IncidentLevel escalated() {
        return this == LEVEL_3 ? LEVEL_3 : values()[ordinal() + 1];
    }
}
