package io.kolladoctor.fixes;

/**
 * How much a step can hurt, which decides the confirmation it needs: a safe step runs once the plan is
 * accepted, a disruptive one needs a yes, a destructive one needs its subject typed back.
 */
public enum Risk {
    SAFE, DISRUPTIVE, DESTRUCTIVE
}
