package io.drp.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceHoursTest {

    private static final String BASE = """
            version: 1
            backup: { container: drp-backups }
            services:
              orders: { containers: [orders] }
            """;

    private static DrpConfig parse(String extra) {
        return ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"), BASE + extra, "0".repeat(64));
    }

    @Test
    void thePlansWindowsApplyByDefault() {
        ServiceHours h = parse("").serviceHours();
        // Tuesday 2026-11-24
        ServiceHours.State noon = h.at(Instant.parse("2026-11-24T12:00:00Z"));
        assertTrue(noon.open());
        assertEquals("restoration", noon.current());
        ServiceHours.State night = h.at(Instant.parse("2026-11-24T19:00:00Z"));
        assertFalse(night.open(), "19:00 is the end of the window, not inside it");
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), night.nextOpensAt());
        // Saturday afternoon: the intervention window; Saturday evening: Monday's restoration window is next
        assertEquals("intervention", h.at(Instant.parse("2026-11-28T16:59:00Z")).current());
        ServiceHours.State saturdayEvening = h.at(Instant.parse("2026-11-28T17:30:00Z"));
        assertNull(saturdayEvening.current());
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), saturdayEvening.nextOpensAt());
        assertEquals("restoration", saturdayEvening.next());
    }

    @Test
    void windowsFollowTheirZoneAcrossDaylightSaving() {
        ServiceHours h = parse("""
                sla:
                  zone: Europe/Paris
                  windows:
                    - { name: restoration, days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "19:00" }
                """).serviceHours();
        assertEquals(ZoneId.of("Europe/Paris"), h.zone());
        // 08:30 UTC is 09:30 in Paris in winter (open) but 10:30 in summer; 07:30 UTC in winter is 08:30 (closed)
        assertTrue(h.at(Instant.parse("2026-11-24T08:30:00Z")).open());
        assertFalse(h.at(Instant.parse("2026-11-24T07:30:00Z")).open());
        assertEquals(Instant.parse("2026-11-24T08:00:00Z"), h.at(Instant.parse("2026-11-24T07:30:00Z")).nextOpensAt());
        assertEquals(Instant.parse("2026-07-07T07:00:00Z"), h.at(Instant.parse("2026-07-07T06:00:00Z")).nextOpensAt());
    }

    @Test
    void badWindowsNameTheirLineAndField() {
        ConfigException zone = assertThrows(ConfigException.class, () -> parse("sla: { zone: Mars/Olympus }\n"));
        assertEquals(5, zone.line());
        assertEquals("sla.zone", zone.field());
        ConfigException day = assertThrows(ConfigException.class, () -> parse("""
                sla:
                  windows:
                    - { name: w, days: [MON, FUNDAY], from: "09:00", to: "19:00" }
                """));
        assertEquals("sla.windows[0].days[1]", day.field());
        assertEquals(7, day.line());
        ConfigException backwards = assertThrows(ConfigException.class, () -> parse("""
                sla:
                  windows:
                    - { name: w, days: [MON], from: "19:00", to: "09:00" }
                """));
        assertEquals("sla.windows[0].to", backwards.field());
        ConfigException time = assertThrows(ConfigException.class, () -> parse("""
                sla:
                  windows:
                    - { name: w, days: [MON], from: "9h", to: "19:00" }
                """));
        assertEquals("sla.windows[0].from", time.field());
    }
}
