package io.drp.model;

import java.time.Instant;

/** One invocation of the runner for this drill; a resumed drill has several. */
public record RunRecord(int run, Instant startedAt, Instant finishedAt, Verdict outcome, String note) {}
