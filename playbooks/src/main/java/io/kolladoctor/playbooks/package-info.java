/**
 * Playbooks: YAML runbooks ({@code playbooks/runbooks/*.yaml}, bundled in the jar) that chain notes, checks, fixes,
 * commands, confirmations, waits and choices. {@link io.kolladoctor.playbooks.PlaybookParser} validates a file with
 * line-numbered problems; {@link io.kolladoctor.playbooks.PlaybookRunner} runs it step by step, writing each step's
 * outcome to a {@link io.kolladoctor.playbooks.Journal} so that an interrupted run resumes where it stopped.
 */
package io.kolladoctor.playbooks;
