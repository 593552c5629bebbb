package io.drp.stacks.config;

public enum StackRole { PRODUCTION, RECOVERY }
