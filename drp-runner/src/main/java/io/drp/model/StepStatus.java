package io.drp.model;

public enum StepStatus { SUCCEEDED, FAILED, ABORTED, SKIPPED }
