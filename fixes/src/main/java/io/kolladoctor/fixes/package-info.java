/**
 * Guided fixes. A {@link io.kolladoctor.fixes.Fix} turns a finding into a {@link io.kolladoctor.fixes.Plan}: ordered
 * {@link io.kolladoctor.fixes.Step}s whose {@link io.kolladoctor.fixes.Operation}s (host commands, API calls, waits)
 * are data, shown exactly before anything runs. {@link io.kolladoctor.fixes.PlanRunner} applies a plan only with the
 * live {@link io.kolladoctor.deployment.live.Actions} an armed session hands out: it asks for the confirmation the
 * plan's {@link io.kolladoctor.fixes.Risk} needs, records every step in the {@link io.kolladoctor.fixes.AuditLog}
 * before the next one runs, stops at the first failure, and verifies by re-running the check. The fixes themselves
 * live in {@code catalog}, one file per fix, named after the check they fix.
 */
package io.kolladoctor.fixes;
