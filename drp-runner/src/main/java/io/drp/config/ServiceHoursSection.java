package io.drp.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code sla:} section: the guaranteed windows and their zone, every error with file, line and field. */
final class ServiceHoursSection {

    private ServiceHoursSection() {}

    static ServiceHours parse(YamlTree node) {
        Map<String, YamlTree> m = node.mapping(Set.of("zone", "windows"));
        ServiceHours defaults = ServiceHours.plansDefault();
        ZoneId zone = defaults.zone();
        if (m.containsKey("zone")) {
            String z = m.get("zone").nonBlank();
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw m.get("zone").error("'" + z + "' is not a time zone; use a region id such as Europe/Paris");
            }
        }
        if (!m.containsKey("windows")) return new ServiceHours(zone, defaults.windows());
        List<ServiceHours.Window> windows = new ArrayList<>();
        for (YamlTree w : m.get("windows").sequence()) {
            Map<String, YamlTree> wm = w.mapping(Set.of("name", "days", "from", "to"));
            String name = ConfigLoader.require(w, wm, "name").nonBlank();
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (YamlTree d : ConfigLoader.require(w, wm, "days").sequence()) days.add(day(d));
            if (days.isEmpty()) throw wm.get("days").error("list at least one day, e.g. [MON, TUE, WED, THU, FRI]");
            LocalTime from = time(ConfigLoader.require(w, wm, "from"));
            LocalTime to = time(ConfigLoader.require(w, wm, "to"));
            if (!from.isBefore(to)) throw wm.get("to").error("must be after from (" + from + "); a window does not span midnight");
            windows.add(new ServiceHours.Window(name, days, from, to));
        }
        if (windows.isEmpty()) throw m.get("windows").error("declare at least one window, or remove windows for the plan's");
        return new ServiceHours(zone, windows);
    }

    private static DayOfWeek day(YamlTree node) {
        String raw = node.nonBlank();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(raw)) return d;
        }
        throw node.error("'" + node.nonBlank() + "' is not a day; use MON, TUE, WED, THU, FRI, SAT or SUN");
    }

    private static LocalTime time(YamlTree node) {
        String raw = node.nonBlank();
        try {
            if (!raw.matches("\\d{2}:\\d{2}")) throw new DateTimeParseException("", raw, 0);
            return LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw node.error("'" + raw + "' is not a time of day; write HH:MM, e.g. \"09:00\"");
        }
    }
}
