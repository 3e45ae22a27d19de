/**
 * The plan as people and policy tools read it, in terraform's forms: {@link io.dbsync.plan.render.PlanText}
 * (the plan text, nested blocks as blocks, long content as a hash) and
 * {@link io.dbsync.plan.render.TerraformJsonPlan} (the {@code terraform show -json} shape). Rendering
 * only reads the plan model.
 */
package io.dbsync.plan.render;
