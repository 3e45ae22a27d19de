/**
 * Plans an import, as terraform's plans: {@link io.dbsync.plan.Planner} compares the desired
 * resources with the state and the refreshed target and yields a {@link io.dbsync.plan.Plan} of
 * {@link io.dbsync.plan.PlannedChange}s ({@link io.dbsync.plan.Differ} decides what differs;
 * {@code plan.render} prints it as terraform's text and JSON plan; {@link io.dbsync.plan.SavedPlan}
 * fingerprints it for --apply-plan). The plan never imports the apply.
 */
package io.dbsync.plan;
