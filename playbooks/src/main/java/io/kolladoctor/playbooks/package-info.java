/**
 * Playbooks: YAML runbooks (playbooks/*.yaml) that chain checks, fixes, commands and confirmations. The runner
 * and its step kinds come with the fixes-and-runbooks issue; the module exists now so the module graph
 * (deployment ← checks ← fixes ← playbooks ← app) is fixed from the start.
 */
package io.kolladoctor.playbooks;
