package io.drp.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The SLA's guaranteed windows ({@code sla:} in drp.yaml), in their time zone. Without the section, the source
 * plan's: restoration Monday to Friday 9:00-19:00 and intervention on major anomalies Saturday 9:00-17:00, in UTC
 * (set {@code sla.zone} to the contract's zone). Pure java.time, so DST transitions follow the zone's rules.
 */
public record ServiceHours(ZoneId zone, List<Window> windows) {

    public record Window(String name, Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            Objects.requireNonNull(name, "'name' cannot be null.");
            days = Set.copyOf(days);
            if (days.isEmpty()) throw new IllegalArgumentException("a window needs at least one day");
            if (!from.isBefore(to)) throw new IllegalArgumentException("a window's 'from' must be before its 'to' (" + from + " >= " + to + ")");
        }

        boolean contains(ZonedDateTime t) {
            LocalTime lt = t.toLocalTime();
            return days.contains(t.getDayOfWeek()) && !lt.isBefore(from) && lt.isBefore(to);
        }
    }

    /** Whether {@code at} falls inside a window, which one, and when the next window opens (strictly after {@code at}). */
    public record State(boolean open, String current, Instant nextOpensAt, String next, String zone) {}

    public ServiceHours {
        Objects.requireNonNull(zone, "'zone' cannot be null.");
        windows = List.copyOf(windows);
        if (windows.isEmpty()) throw new IllegalArgumentException("declare at least one window");
    }

    public static ServiceHours plansDefault() {
        EnumSet<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        return new ServiceHours(ZoneId.of("UTC"), List.of(
                new Window("restoration", weekdays, LocalTime.of(9, 0), LocalTime.of(19, 0)),
                new Window("intervention", EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }

    public State at(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        String current = windows.stream().filter(w -> w.contains(t)).map(Window::name).findFirst().orElse(null);
        Instant next = null;
        String nextName = null;
        LocalDate day = t.toLocalDate();
        for (int d = 0; d <= 7 && next == null; d++, day = day.plusDays(1)) {
            for (Window w : windows) {
                if (!w.days().contains(day.getDayOfWeek())) continue;
                Instant start = day.atTime(w.from()).atZone(zone).toInstant();
                if (start.isAfter(at) && (next == null || start.isBefore(next))) {
                    next = start;
                    nextName = w.name();
                }
            }
        }
        return new State(current != null, current, next, nextName, zone.getId());
    }
}
