/**
 * Plans an import, as terraform's plans: {@link io.dbsync.plan.Planner} compares the desired
 * resources with the state and the refreshed target and yields a {@link io.dbsync.plan.Plan} of
 * {@link io.dbsync.plan.PlannedChange}s ({@link io.dbsync.plan.Differ} decides what differs;
 * {@link io.dbsync.plan.PlanRenderer} prints it as text and JSON). The plan never imports the apply.
 */
package io.dbsync.plan;
