package io.drp.report;

public enum StepStatus { SUCCEEDED, FAILED, ABORTED, SKIPPED }
