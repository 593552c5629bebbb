package io.drp.backup;

public enum PointKind { FULL, INCREMENTAL }
