package io.drp.model;

import java.time.Instant;

/**
 * Whether an instant (a drill's T0, an incident's start) fell inside one of the SLA's guaranteed windows, which
 * one, and when the next window opens after it; {@code zone} is the windows' time zone. Auditors read it to tell a
 * missed objective during guaranteed hours from one outside them.
 */
public record ServiceWindow(boolean inside, String window, Instant nextOpensAt, String nextWindow, String zone) {}
