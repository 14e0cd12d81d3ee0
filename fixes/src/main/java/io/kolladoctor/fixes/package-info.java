/**
 * Guided fixes: a finding becomes a {@link io.kolladoctor.fixes.Plan} of {@link io.kolladoctor.fixes.Step}s that
 * the operator sees before anything runs. Applying, confirming, auditing and verifying plans come with the
 * fixes issue; this module holds the plan model they share.
 */
package io.kolladoctor.fixes;
